package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.PublishedLines;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Trees;
import dev.duckstring.http.PondReply;
import dev.duckstring.http.RemoteCatchment;
import dev.duckstring.manifest.Registrations;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.SourcePin;
import dev.duckstring.runner.DuckDbOptions;
import dev.duckstring.runner.Puddles;
import dev.duckstring.runner.Sampling;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where {@code pond hydrate} reads published data: a local root (the generation itself) or an
 * {@code http://} registration (each table's Ripple downloaded, then cut locally), so {@code
 * --rows} and {@code --sample} mean the same on both.
 */
abstract class PuddleSide {
  /** What a Source line has: not deployed, deployed with nothing published, or published data. */
  enum Found {
    MISSING,
    EMPTY,
    PUBLISHED
  }

  /** The side of registration {@code name}. */
  static PuddleSide of(Env env, String name) {
    Registrations.Entry e = Catchments.entry(env, name);
    return e.isRemote() ? new Remote(ReadSide.remote(e)) : new Local(Catchments.local(e));
  }

  /** The Source pins of deployed version {@code version} of {@code pond}. */
  abstract List<SourcePin> pins(String pond, PondVersion version);

  /** Whether {@code line} is deployed and has published data. */
  abstract Found find(LineId line);

  /** Why {@code line} has no data to hydrate, in one line. */
  abstract String nothingPublished(LineId line);

  /**
   * Replaces the puddle {@code target} with the published tables of {@code line}; temporaries go in
   * {@code puddles}.
   */
  abstract List<Puddles.Table> hydrate(
      LineId line, Path target, Sampling sampling, DuckDbOptions options, Path puddles);

  private static DuckstringException noVersion(String pond, PondVersion v, List<String> deployed) {
    return new DuckstringException(
        "pond '"
            + pond
            + "' has no deployed version "
            + v
            + (deployed.isEmpty()
                ? " (nothing deployed)"
                : "; deployed: " + String.join(", ", deployed)));
  }

  /** A root on this machine: generations are read in place. */
  private static final class Local extends PuddleSide {
    private final Deployments deployments;
    private final Generations generations;
    private final PublishedLines lines;

    Local(CatchmentLayout layout) {
      this.deployments = new Deployments(layout);
      this.generations = new Generations(layout);
      this.lines = new PublishedLines(layout);
    }

    @Override
    List<SourcePin> pins(String pond, PondVersion version) {
      if (!deployments.versions(pond).contains(version)) {
        throw noVersion(
            pond, version, deployments.versions(pond).stream().map(PondVersion::text).toList());
      }
      return deployments.read(pond, version).manifest().sources();
    }

    @Override
    Found find(LineId line) {
      if (!deployments.majors(line.pond()).contains(line.major())) {
        return Found.MISSING;
      }
      return generations.current(line).isPresent() ? Found.PUBLISHED : Found.EMPTY;
    }

    @Override
    String nothingPublished(LineId line) {
      return lines.nothingPublished(line);
    }

    @Override
    List<Puddles.Table> hydrate(
        LineId line, Path target, Sampling sampling, DuckDbOptions options, Path puddles) {
      return Puddles.hydrate(lines.generation(line), target, line.toString(), sampling, options);
    }
  }

  /** A view over HTTP: the line's tables are downloaded into a temporary, then hydrated. */
  private static final class Remote extends PuddleSide {
    private final RemoteCatchment remote;
    private final Map<String, Optional<PondReply>> ponds = new HashMap<>();

    Remote(RemoteCatchment remote) {
      this.remote = remote;
    }

    private Optional<PondReply> pond(String pond) {
      return ponds.computeIfAbsent(pond, remote::pond);
    }

    private Optional<PondReply.Line> line(LineId line) {
      return pond(line.pond())
          .flatMap(
              p -> p.lines().stream().filter(l -> l.line().equals(line.toString())).findFirst());
    }

    @Override
    List<SourcePin> pins(String pond, PondVersion version) {
      PondReply reply = pond(pond).orElseThrow(() -> noVersion(pond, version, List.of()));
      if (!reply.versions().contains(version.text())) {
        throw noVersion(pond, version, reply.versions());
      }
      PondReply.Line line =
          reply.lines().stream()
              .filter(l -> version.text().equals(l.version()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new DuckstringException(
                          "over HTTP only the version a line runs shows its Sources, and "
                              + pond
                              + "@"
                              + version.major()
                              + " does not run "
                              + version
                              + "; hydrate from a local root, or without --version"));
      List<SourcePin> pins = new ArrayList<>();
      for (String spec : line.sources()) { // "inlet 1.0.0?"
        String[] parts = spec.split(" ", 2);
        boolean optional = parts[1].endsWith("?");
        String min = optional ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
        pins.add(new SourcePin(parts[0], PondVersion.parse(min), optional));
      }
      return pins;
    }

    @Override
    Found find(LineId line) {
      Optional<PondReply.Line> l = line(line);
      if (l.isEmpty()) {
        return Found.MISSING;
      }
      return l.get().generation() == null ? Found.EMPTY : Found.PUBLISHED;
    }

    @Override
    String nothingPublished(LineId line) {
      String others =
          pond(line.pond()).map(PondReply::lines).orElse(List.of()).stream()
              .filter(l -> l.generation() != null && !l.line().equals(line.toString()))
              .map(PondReply.Line::line)
              .collect(Collectors.joining(", "));
      return line
          + " has not published anything yet (pulse it)"
          + (others.isEmpty() ? "" : "; published: " + others);
    }

    @Override
    List<Puddles.Table> hydrate(
        LineId line, Path target, Sampling sampling, DuckDbOptions options, Path puddles) {
      PondReply.Line l = line(line).orElseThrow(() -> new DuckstringException(line + " is gone"));
      Path download = puddles.resolve(AtomicFiles.tempName(line.pond() + "-download"));
      try {
        for (PondReply.Ripple r : l.ripples()) {
          if (r.files().stream().anyMatch(PuddleSide::isTable)) {
            remote.download(
                line.pond(), String.valueOf(line.major()), r.name(), download.resolve(r.name()));
          }
        }
        return Puddles.hydrate(download, target, line.toString(), sampling, options);
      } catch (IOException e) {
        throw new DuckstringException("cannot download " + line + ": " + e.getMessage(), e);
      } finally {
        try {
          Trees.delete(download);
        } catch (IOException e) {
          // a temporary under puddles/ is never read as a table
        }
      }
    }
  }

  /** A top-level Parquet or CSV file: what a reader takes for a table. */
  private static boolean isTable(PondReply.FileEntry f) {
    String p = f.path().toLowerCase(Locale.ROOT);
    return !p.contains("/") && (p.endsWith(".parquet") || p.endsWith(".csv"));
  }
}
