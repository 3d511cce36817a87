package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The graph, the runtime state of every line in it, and the actions emitted so far. */
final class Network {
  /** The NEVER freshness sentinel (earlier than any real instant). */
  static final Instant NEVER = Instant.MIN;

  private Graph graph;
  private final Map<LineId, LineRuntime> lines = new LinkedHashMap<>();

  /** Lines that left the graph, kept so one that comes back (a redeploy) keeps its freshness. */
  private final Map<LineId, LineRuntime> dormant = new TreeMap<>();

  private final Map<LineId, Boolean> blockedMemo = new HashMap<>();
  private final Map<LineId, List<LineId>> required = new HashMap<>();
  private final Map<LineId, List<LineId>> missing = new HashMap<>();
  private Topology topology = Topology.of(List.of(), id -> List.of(), id -> true);
  final List<Action> out = new ArrayList<>();

  private final WatchedLines watched = new WatchedLines();

  /** Every line for each walk, as before decision 65 (tests compare the two ways). */
  boolean everyLine;

  /** Lines touched since the last settle looked at them: where a run may now start. */
  private final Set<LineId> unsettled = new HashSet<>();

  /** False until a settle has looked at every line of the current graph (a new one, a restore). */
  boolean settledAll;

  /** Which lines changed since the daemon last asked (decision 60). */
  final LineChanges changes = new LineChanges();

  Network(Graph graph) {
    replace(graph);
  }

  /**
   * Installs {@code newGraph}: lines and Ripples keep their state by name, the rest start cold. A
   * line that leaves the graph and comes back later (e.g. while a version is replaced) keeps its
   * state.
   */
  void replace(Graph newGraph) {
    this.graph = newGraph;
    Map<LineId, LineRuntime> old = new TreeMap<>(dormant);
    old.putAll(lines);
    lines.clear();
    for (Map.Entry<LineId, Graph.PondNode> entry : new TreeMap<>(newGraph.lines()).entrySet()) {
      Graph.PondNode node = entry.getValue();
      LineRuntime line = old.getOrDefault(entry.getKey(), new LineRuntime());
      line.code = node.code();
      Map<String, RippleRuntime> kept = new LinkedHashMap<>(line.ripples);
      line.ripples.clear();
      for (String ripple : node.ripples().keySet()) {
        line.ripples.put(ripple, kept.getOrDefault(ripple, new RippleRuntime()));
      }
      lines.put(entry.getKey(), line);
    }
    dormant.clear();
    old.forEach(
        (id, line) -> {
          if (!lines.containsKey(id)) {
            dormant.put(id, line);
          }
        });
    required.clear();
    missing.clear();
    invalidateBlocked();
    topology = Topology.of(lines.keySet(), this::sources, this::isInlet);
    settledAll = false;
    watched.all();
    changes.all(); // a new graph: what every line shows may change
  }

  /**
   * The runtime state of {@code id} changed: its view and saved state are built again, and the next
   * settle looks at it and at its Sinks.
   */
  void touch(LineId id) {
    changes.touch(id);
    unsettled.add(id);
    watched.touch(id);
  }

  /**
   * The lines holding demand back, repairing or with a trigger (and maybe a few more), in order.
   */
  List<LineId> watched() {
    return everyLine ? order() : watched.of(this);
  }

  /** The next settle looks at {@code id} and its Sinks; what status shows of it is unchanged. */
  void unsettle(LineId id) {
    unsettled.add(id);
  }

  /** Lines that declare no Sources, in {@link #order()}. */
  List<LineId> inlets() {
    return topology.inlets();
  }

  /** The lines touched since the last call; none after a call. */
  Set<LineId> takeUnsettled() {
    if (unsettled.isEmpty()) {
      return Set.of();
    }
    Set<LineId> taken = new HashSet<>(unsettled);
    unsettled.clear();
    return taken;
  }

  /** Where {@code id} stands in {@link #order()}; -1 when it is not in the graph. */
  int position(LineId id) {
    return topology.position(id);
  }

  /** Lines that declare {@code id} as a Source, required or optional, by name. */
  List<LineId> sinks(LineId id) {
    return topology.sinks(id);
  }

  Graph graph() {
    return graph;
  }

  /** Every line, Sources before Sinks (ties and cycles by name). */
  List<LineId> order() {
    return topology.order();
  }

  boolean present(LineId id) {
    return lines.containsKey(id);
  }

  LineRuntime line(LineId id) {
    return lines.get(id);
  }

  /** True when the line declares no Sources (an Inlet). */
  boolean isInlet(LineId id) {
    return graph.lines().get(id).sources().isEmpty();
  }

  /** Declared Sources that exist in the graph. */
  List<LineId> sources(LineId id) {
    List<LineId> result = new ArrayList<>();
    for (Graph.SourceEdge edge : graph.lines().get(id).sources()) {
      if (present(edge.source())) {
        result.add(edge.source());
      }
    }
    return result;
  }

  /** Required declared Sources that exist in the graph. */
  List<LineId> requiredSources(LineId id) {
    return required.computeIfAbsent(id, this::computeRequired);
  }

  private List<LineId> computeRequired(LineId id) {
    List<LineId> result = new ArrayList<>();
    for (Graph.SourceEdge edge : graph.lines().get(id).sources()) {
      if (edge.required() && present(edge.source())) {
        result.add(edge.source());
      }
    }
    return List.copyOf(result);
  }

  /** Declared Sources absent from the graph. */
  List<LineId> missingSources(LineId id) {
    return missing.computeIfAbsent(id, this::computeMissing);
  }

  private List<LineId> computeMissing(LineId id) {
    List<LineId> result = new ArrayList<>();
    for (Graph.SourceEdge edge : graph.lines().get(id).sources()) {
      if (!present(edge.source())) {
        result.add(edge.source());
      }
    }
    return List.copyOf(result);
  }

  /**
   * Failed, killed, repairing, missing a Source, or downstream of a failed or blocked required
   * Source.
   */
  boolean blocked(LineId id) {
    if (blockedMemo.isEmpty()) {
      // One pass, Sources first: O(lines + edges) instead of a walk of all ancestors per call.
      for (LineId line : topology.order()) {
        boolean b = halted(line) || line(line).repairing || !missingSources(line).isEmpty();
        for (LineId source : requiredSources(line)) {
          b |= blockedMemo.getOrDefault(source, halted(source));
        }
        blockedMemo.put(line, b);
      }
    }
    return blockedMemo.getOrDefault(id, false);
  }

  /** True when the line's own run failed or the operator killed it. */
  boolean halted(LineId id) {
    return line(id).failed || line(id).killed;
  }

  /** Every line {@code id} reads from, directly or not (required or optional), nearest first. */
  List<LineId> ancestors(LineId id) {
    List<LineId> result = new ArrayList<>();
    Set<LineId> seen = new HashSet<>(List.of(id));
    for (int i = -1; i < result.size(); i++) {
      for (LineId source : sources(i < 0 ? id : result.get(i))) {
        if (seen.add(source)) {
          result.add(source);
        }
      }
    }
    return result;
  }

  /** A line failed or recovered, or the graph changed: blocked states must be worked out again. */
  void invalidateBlocked() {
    blockedMemo.clear();
    changes.blocksChanged();
  }

  /**
   * The freshness the line could run at: now for an Inlet, min endF over required Sources, max endF
   * when all are optional, null when a Source is missing.
   */
  Instant sourceF(LineId id, Instant now) {
    if (!missingSources(id).isEmpty()) {
      return null;
    }
    List<LineId> all = sources(id);
    if (all.isEmpty()) {
      return now;
    }
    List<LineId> required = requiredSources(id);
    if (!required.isEmpty()) {
      Instant min = null;
      for (LineId source : required) {
        Instant f = line(source).endF;
        min = min == null || f.isBefore(min) ? f : min;
      }
      return min;
    }
    Instant max = NEVER;
    for (LineId source : all) {
      max = later(max, line(source).endF);
    }
    return max;
  }

  /** Intra-Pond parents of {@code ripple} that exist in the line. */
  List<String> parents(LineId id, String ripple) {
    List<String> result = new ArrayList<>();
    for (String parent : graph.lines().get(id).ripples().getOrDefault(ripple, List.of())) {
      if (line(id).ripples.containsKey(parent) && !parent.equals(ripple)) {
        result.add(parent);
      }
    }
    return result;
  }

  /** Ripples no other Ripple of the line depends on. */
  List<String> leaves(LineId id) {
    Set<String> parented = new HashSet<>();
    for (String ripple : line(id).ripples.keySet()) {
      parented.addAll(parents(id, ripple));
    }
    List<String> result = new ArrayList<>();
    for (String ripple : line(id).ripples.keySet()) {
      if (!parented.contains(ripple)) {
        result.add(ripple);
      }
    }
    return result;
  }

  static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }
}
