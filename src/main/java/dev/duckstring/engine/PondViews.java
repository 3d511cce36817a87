package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds the {@link PondView} of every line from the runtime state. */
final class PondViews {
  private PondViews() {}

  static Map<LineId, PondView> of(Network net) {
    Map<LineId, PondView> views = new LinkedHashMap<>();
    for (LineId id : net.order()) {
      views.put(id, of(net, id));
    }
    return views;
  }

  /** The views of those of {@code ids} that are in the graph, Sources before Sinks. */
  static Map<LineId, PondView> of(Network net, Collection<LineId> ids) {
    List<LineId> present = new ArrayList<>(ids.size());
    for (LineId id : ids) {
      if (net.present(id)) {
        present.add(id);
      }
    }
    present.sort(Comparator.comparingInt(net::position));
    Map<LineId, PondView> views = new LinkedHashMap<>();
    for (LineId id : present) {
      views.put(id, of(net, id));
    }
    return views;
  }

  private static PondView of(Network net, LineId id) {
    LineRuntime l = net.line(id);
    List<LineId> missing = net.missingSources(id);
    List<LineId> blockedBy = new ArrayList<>();
    for (LineId source : net.requiredSources(id)) {
      if (net.blocked(source)) {
        blockedBy.add(source);
      }
    }
    return new PondView(
        id,
        state(net, id, l),
        l.hasPull,
        Snapshots.list(l.targets),
        Snapshots.out(l.startF),
        Snapshots.out(l.endF),
        Snapshots.out(l.changedF),
        l.inFlight.size(),
        l.runsCompleted,
        l.trigger,
        error(l, missing, blockedBy),
        missing,
        blockedBy,
        l.publishedCode,
        !l.endF.equals(Network.NEVER) && !l.code.equals(l.publishedCode),
        held(l),
        l.sourceRetries,
        l.sourceRetriesLeft());
  }

  private static List<String> held(LineRuntime l) {
    List<String> held = new ArrayList<>();
    if (!l.heldPull.equals(Network.NEVER)) {
      held.add("pull");
    }
    if (!l.heldPush.equals(Network.NEVER)) {
      held.add("push");
    }
    return List.copyOf(held);
  }

  /** Status precedence: failed > killed > repairing > blocked > running > queued > idle. */
  private static LineState state(Network net, LineId id, LineRuntime l) {
    if (l.failed) {
      return LineState.FAILED;
    }
    if (l.killed) {
      return LineState.KILLED;
    }
    if (l.repairing) {
      return LineState.REPAIRING;
    }
    if (net.blocked(id)) {
      return LineState.BLOCKED;
    }
    if (l.busy()) {
      return LineState.RUNNING;
    }
    return l.hasPull || !l.targets.isEmpty() || l.force ? LineState.QUEUED : LineState.IDLE;
  }

  private static String error(LineRuntime l, List<LineId> missing, List<LineId> blockedBy) {
    if (l.failed) {
      return l.error;
    }
    if (l.killed) {
      return "killed by the operator";
    }
    if (!missing.isEmpty()) {
      return "missing source " + join(missing);
    }
    if (!blockedBy.isEmpty()) {
      return "blocked by source " + join(blockedBy);
    }
    return null;
  }

  private static String join(List<LineId> ids) {
    List<String> names = new ArrayList<>();
    ids.forEach(id -> names.add(id.toString()));
    return String.join(", ", names);
  }
}
