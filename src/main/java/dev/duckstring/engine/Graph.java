package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Pond lines the engine schedules, keyed by line; built by the daemon from deployed versions.
 */
public record Graph(Map<LineId, PondNode> lines) {
  public Graph {
    lines = Map.copyOf(lines);
  }

  /**
   * One Pond line.
   *
   * @param sources declared Sources (a Source line absent from the graph is a missing Source)
   * @param ripples each Ripple with its intra-Pond parents (a DAG); iteration order is stable
   */
  public record PondNode(LineId id, List<SourceEdge> sources, Map<String, List<String>> ripples) {
    public PondNode {
      sources = List.copyOf(sources);
      ripples = Collections.unmodifiableMap(new LinkedHashMap<>(ripples));
    }
  }

  /** A Source of a line; optional Sources never gate a run. */
  public record SourceEdge(LineId source, boolean required) {}
}
