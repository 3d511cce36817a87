package dev.duckstring.deploy;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.SourcePin;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks a manifest against what is deployed: its pins against selected Sources, deployed Sinks'
 * pins against it, and cycles in the name@major graph once it is selected. Missing Sources are
 * fine: a Sink may deploy before its Source.
 */
final class DeployChecks {
  private final Deployments deployments;
  private final TreeCheck treeCheck;
  private final SparkCheck spark;

  DeployChecks(Deployments deployments) {
    this(deployments, TreeCheck.NONE);
  }

  DeployChecks(Deployments deployments, TreeCheck treeCheck) {
    this(deployments, treeCheck, null);
  }

  /** Checks that also refuse Spark Ripples unless {@code config} (catchment.toml) has [spark]. */
  DeployChecks(Deployments deployments, TreeCheck treeCheck, Path config) {
    this.deployments = deployments;
    this.treeCheck = treeCheck;
    this.spark = config == null ? null : new SparkCheck(config);
  }

  /** Checks the project's files at {@code tree} (its data tests); throws a one-line error. */
  void validateTree(PondManifest manifest, Path tree) {
    try {
      treeCheck.check(manifest, tree);
    } catch (DuckstringException e) {
      throw new DuckstringException(
          "cannot deploy " + manifest.name() + " " + manifest.version() + ": " + e.getMessage(), e);
    }
  }

  /** Throws a one-line DuckstringException naming the first violation found. */
  void validate(PondManifest manifest) {
    if (spark != null) {
      spark.validate(manifest);
    }
    String what = "cannot deploy " + manifest.name() + " " + manifest.version();
    Map<LineId, Deployed> lines = deployments.lines(new HashMap<>());
    for (SourcePin pin : manifest.sources()) {
      Deployed source = lines.get(pin.line());
      if (source != null && source.manifest().version().compareTo(pin.min()) < 0) {
        throw new DuckstringException(
            what
                + ": Source "
                + pin.line()
                + " is deployed at "
                + source.manifest().version()
                + " but 'sources."
                + pin.pond()
                + "' needs at least "
                + pin.min()
                + " (deploy "
                + pin.pond()
                + " "
                + pin.min()
                + " or newer first, or lower the pin)");
      }
    }
    LineId self = manifest.line();
    Optional<PondVersion> selected = deployments.selected(self);
    if (selected.isPresent() && manifest.version().compareTo(selected.get()) < 0) {
      return; // not selected: the live graph and the Sinks keep the higher version
    }
    for (Deployed sink : lines.values()) {
      for (SourcePin pin : sink.manifest().sources()) {
        if (pin.line().equals(self) && manifest.version().compareTo(pin.min()) < 0) {
          throw new DuckstringException(
              what
                  + ": deployed Sink "
                  + sink.line()
                  + " ("
                  + sink.manifest().version()
                  + ") needs "
                  + manifest.name()
                  + " at least "
                  + pin.min()
                  + " (deploy "
                  + pin.min()
                  + " or newer, or bump the major version)");
        }
      }
    }
    Map<LineId, List<LineId>> graph = new TreeMap<>();
    lines.forEach((line, d) -> graph.put(line, sourceLines(d.manifest())));
    graph.put(self, sourceLines(manifest));
    List<LineId> cycle = cycleThrough(self, graph);
    if (!cycle.isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (LineId l : cycle) {
        path.append(path.length() == 0 ? "" : " -> ").append(l);
      }
      throw new DuckstringException(what + ": Sources form a cycle " + path);
    }
  }

  private static List<LineId> sourceLines(PondManifest m) {
    return m.sources().stream().map(SourcePin::line).toList();
  }

  /** A path {@code start -> ... -> start} along Source edges, or empty if there is none. */
  static List<LineId> cycleThrough(LineId start, Map<LineId, List<LineId>> graph) {
    Deque<LineId> path = new ArrayDeque<>();
    path.add(start);
    return search(start, start, graph, path, new HashSet<>()) ? new ArrayList<>(path) : List.of();
  }

  private static boolean search(
      LineId start,
      LineId at,
      Map<LineId, List<LineId>> graph,
      Deque<LineId> path,
      Set<LineId> seen) {
    for (LineId next : graph.getOrDefault(at, List.of())) {
      path.addLast(next);
      if (next.equals(start)) {
        return true;
      }
      if (seen.add(next) && search(start, next, graph, path, seen)) {
        return true;
      }
      path.removeLast();
    }
    return false;
  }
}
