package dev.duckstring.daemon;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.Yanks;
import dev.duckstring.engine.Graph;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.SourcePin;
import dev.duckstring.runner.RippleParents;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the engine's {@link Graph} from what is deployed: one node per line at its selected
 * version, Sources from the pins, intra-Pond parents declared or inferred from the SQL.
 */
final class GraphBuilder {
  private final Deployments deployments;
  private final RippleParents parents = new RippleParents();
  private final VersionCheck versions;

  GraphBuilder(Deployments deployments, VersionCheck versions) {
    this.deployments = deployments;
    this.versions = versions;
  }

  /**
   * The graph and the deployed version behind each line; problems are collected, not thrown. {@code
   * yanked}: the yanked versions of each line that has some; {@code idle}: the lines every version
   * of which is yanked, with why they run nothing (decision 45).
   */
  record Built(
      Graph graph,
      Map<LineId, Deployed> deployed,
      Map<LineId, String> problems,
      Map<LineId, List<String>> versions,
      Map<LineId, List<String>> yanked,
      Map<LineId, String> idle) {}

  Built build() {
    Map<LineId, String> problems = new LinkedHashMap<>();
    Map<LineId, Deployed> lines = deployments.lines(problems);
    Map<LineId, Graph.PondNode> nodes = new LinkedHashMap<>();
    Map<LineId, Deployed> kept = new LinkedHashMap<>();
    for (Deployed d : lines.values()) {
      try {
        versions.verify(d);
        nodes.put(d.line(), node(d));
        kept.put(d.line(), d);
      } catch (DuckstringException e) {
        problems.put(d.line(), d.manifest().version() + ": " + e.getMessage());
      }
    }
    Map<LineId, List<String>> versions = new LinkedHashMap<>();
    Map<LineId, List<String>> yanked = new LinkedHashMap<>();
    Map<LineId, String> idle = new LinkedHashMap<>();
    for (String pond : deployments.ponds()) {
      for (var v : deployments.versions(pond)) {
        versions.computeIfAbsent(new LineId(pond, v.major()), l -> new ArrayList<>()).add(v.text());
      }
      List<PondVersion> marks = deployments.yanked(pond);
      for (PondVersion v : marks) {
        yanked.computeIfAbsent(new LineId(pond, v.major()), l -> new ArrayList<>()).add(v.text());
      }
      for (int major : deployments.majors(pond)) {
        LineId line = new LineId(pond, major);
        if (!lines.containsKey(line) && !problems.containsKey(line)) {
          idle.put(line, Yanks.everyVersion(line, marks));
        }
      }
    }
    return new Built(new Graph(nodes), kept, problems, versions, yanked, idle);
  }

  private Graph.PondNode node(Deployed d) {
    List<Graph.SourceEdge> sources = new ArrayList<>();
    for (SourcePin pin : d.manifest().sources()) {
      sources.add(new Graph.SourceEdge(pin.line(), !pin.optional()));
    }
    Map<String, List<String>> ripples = parents.of(d.dir(), d.manifest(), d.line().toString());
    Graph.Code code = new Graph.Code(d.manifest().version().text(), d.record().contentHash());
    return new Graph.PondNode(d.line(), sources, ripples, code);
  }
}
