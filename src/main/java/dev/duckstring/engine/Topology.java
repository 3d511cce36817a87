package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The order of a graph's lines (Sources before Sinks, ties and cycles by name), each line's place
 * in it, its Sinks, and the Inlets: worked out once per graph.
 */
final class Topology {
  private final List<LineId> order;
  private final Map<LineId, Integer> position = new HashMap<>();
  private final Map<LineId, List<LineId>> sinks = new HashMap<>();
  private final List<LineId> inlets = new ArrayList<>();

  private Topology(List<LineId> order, Map<LineId, List<LineId>> sinks, Predicate<LineId> inlet) {
    this.order = order;
    this.sinks.putAll(sinks);
    for (LineId id : order) {
      position.put(id, position.size());
      if (inlet.test(id)) {
        inlets.add(id);
      }
    }
  }

  /** The topology of {@code lines}, each reading {@code sources} (those in the graph). */
  static Topology of(
      Collection<LineId> lines, Function<LineId, List<LineId>> sources, Predicate<LineId> inlet) {
    Map<LineId, Integer> pending = new TreeMap<>();
    Map<LineId, List<LineId>> sinks = new HashMap<>();
    for (LineId id : new TreeSet<>(lines)) {
      LinkedHashSet<LineId> distinct = new LinkedHashSet<>(sources.apply(id));
      pending.put(id, distinct.size());
      for (LineId source : distinct) {
        sinks.computeIfAbsent(source, k -> new ArrayList<>()).add(id);
      }
    }
    TreeSet<LineId> ready = new TreeSet<>();
    pending.forEach(
        (id, n) -> {
          if (n == 0) {
            ready.add(id);
          }
        });
    List<LineId> result = new ArrayList<>();
    while (!ready.isEmpty()) {
      LineId next = ready.pollFirst();
      result.add(next);
      pending.remove(next);
      for (LineId sink : sinks.getOrDefault(next, List.of())) {
        if (pending.containsKey(sink) && pending.merge(sink, -1, Integer::sum) == 0) {
          ready.add(sink);
        }
      }
    }
    result.addAll(pending.keySet()); // in cycles: by name
    return new Topology(List.copyOf(result), sinks, inlet);
  }

  List<LineId> order() {
    return order;
  }

  /** Where {@code id} stands in {@link #order()}; -1 when it is not in the graph. */
  int position(LineId id) {
    return position.getOrDefault(id, -1);
  }

  /** Lines that declare {@code id} as a Source, required or optional, by name. */
  List<LineId> sinks(LineId id) {
    return sinks.getOrDefault(id, List.of());
  }

  /** Lines that declare no Sources, in {@link #order()}. */
  List<LineId> inlets() {
    return inlets;
  }
}
