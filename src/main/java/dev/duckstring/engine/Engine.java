package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The freshness/demand state machine over a {@link Graph}; see upstream model §3. Not thread-safe:
 * the daemon calls it from one thread.
 */
public final class Engine {
  private final Network net;
  private final Demand demand;
  private final RunStarts starts;
  private final RunEnds ends;
  private final TriggerClock triggers;
  private final Reruns reruns;
  private final Controls controls;
  private boolean everyLine;

  /** A cold engine: every line has NEVER freshness and no demand. */
  public Engine(Graph graph, CronSchedule cron) {
    this.net = new Network(graph);
    this.demand = new Demand(net);
    this.ends = new RunEnds(net, demand);
    this.starts = new RunStarts(net, demand, ends);
    this.triggers = new TriggerClock(net, demand, cron);
    this.reruns = new Reruns(net, ends);
    this.controls = new Controls(net, demand, ends);
  }

  /** Rebuilds an engine from {@link #snapshot()}; lines absent from the graph are dropped. */
  public static Engine restore(Graph graph, EngineSnapshot snapshot, CronSchedule cron) {
    Engine engine = new Engine(graph, cron);
    Snapshots.load(engine.net, snapshot);
    return engine;
  }

  /** Applies one event at {@code now} and returns the actions to carry out, in order. */
  public List<Action> apply(Event event, Instant now) {
    net.out.clear();
    dispatch(event, now);
    reruns.advance();
    starts.settle(now, !progress(event) || everyLine);
    return drain();
  }

  /**
   * Every settle, and every walk for held demand, repairs and triggers, looks at every line, as
   * before decision 65 (tests compare the two ways); returns this engine.
   */
  Engine settlingEveryLine() {
    everyLine = true;
    net.everyLine = true;
    return this;
  }

  /** How many times settles looked at a line so far (tests: a hop looks at a few). */
  long linesLookedAt() {
    return starts.looked();
  }

  /** A run's progress: the events of a hop, after which a settle looks only where they touched. */
  private static boolean progress(Event event) {
    return event instanceof Event.RippleCompleted
        || event instanceof Event.RippleFailed
        || event instanceof Event.Published
        || event instanceof Event.PublishFailed;
  }

  private void dispatch(Event event, Instant now) {
    if (event instanceof Event.Tick) {
      triggers.tick(now);
      return;
    }
    LineId id = lineOf(event);
    if (!net.present(id)) {
      return;
    }
    if (event instanceof Event.Tap) {
      demand.tap(id, now);
    } else if (event instanceof Event.Pulse) {
      demand.pulse(id, now);
    } else if (event instanceof Event.Kill) {
      controls.kill(id);
    } else if (event instanceof Event.Wake) {
      controls.wake(id, now);
    } else if (event instanceof Event.StopUpstream) {
      controls.stopUpstream(id);
    } else if (event instanceof Event.SetTrigger) {
      triggers.set(id, ((Event.SetTrigger) event).trigger(), now);
    } else if (event instanceof Event.RemoveTrigger) {
      triggers.remove(id);
    } else if (event instanceof Event.Stop) {
      demand.stop(id);
    } else if (event instanceof Event.Clear) {
      ends.clear(id);
    } else if (event instanceof Event.Retry) {
      ends.retry(id);
    } else if (event instanceof Event.Budget b) {
      net.line(id).sourceRetries = b.onChange();
      net.touch(id);
    } else if (event instanceof Event.RippleCompleted) {
      Event.RippleCompleted e = (Event.RippleCompleted) event;
      ends.rippleCompleted(id, e.ripple(), e.f());
    } else if (event instanceof Event.RippleFailed) {
      Event.RippleFailed e = (Event.RippleFailed) event;
      ends.rippleFailed(id, e.ripple(), e.f(), e.error());
    } else if (event instanceof Event.Published) {
      Event.Published e = (Event.Published) event;
      ends.published(id, e.f(), e.changed(), now);
    } else if (event instanceof Event.PublishFailed) {
      Event.PublishFailed e = (Event.PublishFailed) event;
      ends.publishFailed(id, e.f(), e.error());
    } else if (event instanceof Event.Force) {
      reruns.force(id);
    } else if (event instanceof Event.Refresh) {
      reruns.refresh(id);
    } else if (event instanceof Event.Repair) {
      reruns.repair(id);
    }
  }

  private static LineId lineOf(Event event) {
    if (event instanceof Event.Tap) {
      return ((Event.Tap) event).line();
    } else if (event instanceof Event.Pulse) {
      return ((Event.Pulse) event).line();
    } else if (event instanceof Event.SetTrigger) {
      return ((Event.SetTrigger) event).line();
    } else if (event instanceof Event.RemoveTrigger) {
      return ((Event.RemoveTrigger) event).line();
    } else if (event instanceof Event.Stop) {
      return ((Event.Stop) event).line();
    } else if (event instanceof Event.Clear) {
      return ((Event.Clear) event).line();
    } else if (event instanceof Event.Kill k) {
      return k.line();
    } else if (event instanceof Event.Wake w) {
      return w.line();
    } else if (event instanceof Event.StopUpstream u) {
      return u.line();
    } else if (event instanceof Event.Retry) {
      return ((Event.Retry) event).line();
    } else if (event instanceof Event.Budget) {
      return ((Event.Budget) event).line();
    } else if (event instanceof Event.RippleCompleted) {
      return ((Event.RippleCompleted) event).line();
    } else if (event instanceof Event.RippleFailed) {
      return ((Event.RippleFailed) event).line();
    } else if (event instanceof Event.Published) {
      return ((Event.Published) event).line();
    } else if (event instanceof Event.Force f) {
      return f.line();
    } else if (event instanceof Event.Refresh r) {
      return r.line();
    } else if (event instanceof Event.Repair r) {
      return r.line();
    } else {
      return ((Event.PublishFailed) event).line();
    }
  }

  /** Replaces the graph (deploys); lines keep their state; returns actions the change enables. */
  public List<Action> updateGraph(Graph newGraph, Instant now) {
    net.out.clear();
    net.replace(newGraph);
    starts.settle(now);
    return drain();
  }

  /**
   * After {@link #restore}: Publish for every run whose Ripples completed but was never published,
   * StartRipple for every Ripple of an in-flight run not yet complete, then anything now startable.
   */
  public List<Action> resume(Instant now) {
    net.out.clear();
    for (LineId id : net.order()) {
      LineRuntime line = net.line(id);
      if (!line.rebuildF.equals(Network.NEVER)) {
        net.out.add(new Action.Rebuild(id, line.rebuildF));
      }
      for (Instant f : line.publishing) {
        net.out.add(new Action.Publish(id, f));
      }
      line.ripples.forEach(
          (name, r) -> {
            if (r.running) {
              net.out.add(new Action.StartRipple(id, name, r.startF));
            }
          });
    }
    starts.settle(now);
    return drain();
  }

  /** The full state, as plain records, for the daemon to persist. */
  public EngineSnapshot snapshot() {
    return Snapshots.of(net);
  }

  /** What status shows of every line. */
  public Map<LineId, PondView> views(Instant now) {
    return PondViews.of(net);
  }

  /**
   * What status shows of those of {@code lines} that are in the graph, Sources before Sinks (the
   * order status files are written in, so that a reader who sees a Sink's run sees its Sources').
   */
  public Map<LineId, PondView> views(Collection<LineId> lines) {
    return PondViews.of(net, lines);
  }

  /** The saved state of those of {@code lines} that are in the graph (see {@link #snapshot}). */
  public Map<LineId, EngineSnapshot.LineState> states(Collection<LineId> lines) {
    return Snapshots.of(net, lines);
  }

  /**
   * The lines whose {@link #views} or {@link #states} may differ from when this was last called
   * (every line of a new engine or graph), by name; the costs are those of the lines that changed,
   * except after a failure, kill, clear or repair, when every line's block is looked at (decision
   * 60).
   */
  public Set<LineId> changed() {
    return net.changes.drain(net);
  }

  /**
   * True when {@link Event.Clear} would change {@code line}: it failed, was killed, or holds a
   * started run with nothing left running.
   */
  public boolean needsClear(LineId line) {
    return net.present(line) && RunEnds.needsClear(net.line(line));
  }

  /**
   * True while the engine waits for Ripple {@code ripple} of {@code line} to finish run {@code f}:
   * the daemon may then run it again (an immediate retry) instead of reporting its failure.
   */
  public boolean rippleRunning(LineId line, String ripple, Instant f) {
    if (!net.present(line)) {
      return false;
    }
    RippleRuntime r = net.line(line).ripples.get(ripple);
    return r != null && r.running && r.startF.equals(f);
  }

  /** True while run {@code f} of {@code line} awaits Published or PublishFailed. */
  public boolean publishing(LineId line, Instant f) {
    return net.present(line) && net.line(line).publishing.contains(f);
  }

  /** When the daemon should next send a Tick (standing triggers), if ever. */
  public Optional<Instant> nextWake(Instant now) {
    return triggers.nextWake(now);
  }

  private List<Action> drain() {
    List<Action> actions = List.copyOf(net.out);
    net.out.clear();
    return actions;
  }
}
