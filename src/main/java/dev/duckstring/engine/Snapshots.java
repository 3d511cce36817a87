package dev.duckstring.engine;

import dev.duckstring.engine.EngineSnapshot.LineState;
import dev.duckstring.engine.EngineSnapshot.RippleState;
import dev.duckstring.engine.EngineSnapshot.RunCode;
import dev.duckstring.model.LineId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts runtime state to and from {@link EngineSnapshot} records (NEVER as null). */
final class Snapshots {
  private Snapshots() {}

  static EngineSnapshot of(Network net) {
    Map<LineId, LineState> lines = new LinkedHashMap<>();
    for (LineId id : net.order()) {
      lines.put(id, of(net.line(id)));
    }
    return new EngineSnapshot(lines);
  }

  /** The states of those of {@code ids} that are in the graph. */
  static Map<LineId, LineState> of(Network net, Collection<LineId> ids) {
    Map<LineId, LineState> lines = new LinkedHashMap<>();
    for (LineId id : ids) {
      if (net.present(id)) {
        lines.put(id, of(net.line(id)));
      }
    }
    return lines;
  }

  private static LineState of(LineRuntime l) {
    Map<String, RippleState> ripples = new LinkedHashMap<>();
    l.ripples.forEach(
        (name, r) ->
            ripples.put(
                name,
                new RippleState(
                    out(r.startF), out(r.endF), r.hasPull, list(r.targets), r.running)));
    return new LineState(
        out(l.startF),
        out(l.endF),
        out(l.changedF),
        l.d,
        l.hasPull,
        out(l.pullM),
        list(l.targets),
        l.failed,
        out(l.failedF),
        l.failures,
        l.error,
        l.sourceRetries,
        list(l.inFlight),
        list(l.publishing),
        l.runsStarted,
        l.runsCompleted,
        l.trigger == null ? null : l.trigger.saved(l.nextFire),
        ripples,
        l.publishedCode,
        runCodes(l),
        rerun(l),
        l.killed,
        l.pullLocal,
        out(l.heldPull),
        out(l.heldPush));
  }

  private static List<RunCode> runCodes(LineRuntime l) {
    List<RunCode> result = new ArrayList<>();
    l.runCodes.forEach((f, code) -> result.add(new RunCode(out(f), code)));
    return result;
  }

  private static EngineSnapshot.Rerun rerun(LineRuntime l) {
    if (!l.force
        && !l.rebuild
        && !l.repairing
        && l.forcedF.equals(Network.NEVER)
        && l.rebuildF.equals(Network.NEVER)) {
      return null;
    }
    return new EngineSnapshot.Rerun(
        l.force, l.rebuild, out(l.forcedF), out(l.rebuildF), l.repairing);
  }

  /** Loads every line of {@code snapshot} present in the network; unknown Ripples are ignored. */
  static void load(Network net, EngineSnapshot snapshot) {
    snapshot
        .lines()
        .forEach(
            (id, state) -> {
              if (net.present(id)) {
                load(net.line(id), state);
              }
            });
    net.invalidateBlocked();
  }

  private static void load(LineRuntime l, LineState s) {
    l.startF = in(s.startF());
    l.endF = in(s.endF());
    l.changedF = in(s.changedF());
    l.d = s.d() == null ? Duration.ZERO : s.d();
    l.hasPull = s.hasPull();
    l.pullM = in(s.pullM());
    fill(l.targets, s.targets());
    l.failed = s.failed();
    l.failedF = in(s.failedF());
    l.failures = s.failures();
    l.error = s.error();
    l.sourceRetries = s.sourceRetries();
    fill(l.inFlight, s.runsInFlight());
    fill(l.publishing, s.publishing());
    l.runsStarted = s.runsStarted();
    l.runsCompleted = s.runsCompleted();
    l.trigger = s.trigger() == null ? null : s.trigger().trigger();
    l.nextFire = s.trigger() == null ? null : s.trigger().nextFire();
    l.publishedCode = s.code();
    l.runCodes.clear();
    s.runCodes().forEach(rc -> l.runCodes.put(in(rc.f()), rc.code()));
    if (s.rerun() != null) {
      l.force = s.rerun().force();
      l.rebuild = s.rerun().rebuild();
      l.forcedF = in(s.rerun().forcedF());
      l.rebuildF = in(s.rerun().rebuildF());
      l.repairing = s.rerun().repairing();
    }
    l.killed = s.killed();
    l.pullLocal = s.pullLocal();
    l.heldPull = in(s.heldPull());
    l.heldPush = in(s.heldPush());
    s.ripples()
        .forEach(
            (name, rs) -> {
              RippleRuntime r = l.ripples.get(name);
              if (r != null) {
                r.startF = in(rs.startF());
                r.endF = in(rs.endF());
                r.hasPull = rs.hasPull();
                r.running = rs.running();
                fill(r.targets, rs.targets());
              }
            });
  }

  static Instant out(Instant f) {
    return Network.NEVER.equals(f) ? null : f;
  }

  static Instant in(Instant f) {
    return f == null ? Network.NEVER : f;
  }

  static List<Instant> list(Collection<Instant> fs) {
    List<Instant> result = new ArrayList<>();
    for (Instant f : fs) {
      result.add(out(f));
    }
    return result;
  }

  private static void fill(Collection<Instant> target, List<Instant> from) {
    target.clear();
    for (Instant f : from) {
      target.add(in(f));
    }
  }
}
