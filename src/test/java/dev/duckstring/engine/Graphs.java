package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small builder for test graphs: {@code line("b").source("a").ripple("b1").ripple("b2", "b1")}.
 */
final class Graphs {
  private final Map<LineId, Graph.PondNode> lines = new LinkedHashMap<>();
  private LineId current;
  private final Map<LineId, List<Graph.SourceEdge>> sources = new LinkedHashMap<>();
  private final Map<LineId, Map<String, List<String>>> ripples = new LinkedHashMap<>();

  static LineId id(String name) {
    return new LineId(name, 1);
  }

  Graphs line(String name) {
    current = id(name);
    sources.put(current, new ArrayList<>());
    ripples.put(current, new LinkedHashMap<>());
    return this;
  }

  Graphs source(String name) {
    sources.get(current).add(new Graph.SourceEdge(id(name), true));
    return this;
  }

  Graphs optionalSource(String name) {
    sources.get(current).add(new Graph.SourceEdge(id(name), false));
    return this;
  }

  Graphs ripple(String name, String... parents) {
    ripples.get(current).put(name, List.of(parents));
    return this;
  }

  Graph build() {
    lines.clear();
    for (LineId id : sources.keySet()) {
      lines.put(id, new Graph.PondNode(id, sources.get(id), ripples.get(id)));
    }
    return new Graph(lines);
  }
}
