package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The freshness/demand state machine over a {@link Graph}; see upstream model §3. */
public final class Engine {
  private Graph graph;
  private final CronSchedule cron;

  /** A cold engine: every line has NEVER freshness and no demand. */
  public Engine(Graph graph, CronSchedule cron) {
    this.graph = graph;
    this.cron = cron;
  }

  /** Rebuilds an engine from a snapshot taken by {@link #snapshot()}. */
  public static Engine restore(Graph graph, EngineSnapshot snapshot, CronSchedule cron) {
    throw new UnsupportedOperationException("TODO(engine)");
  }

  /** Applies one event at {@code now} and returns the actions to carry out, in order. */
  public List<Action> apply(Event event, Instant now) {
    throw new UnsupportedOperationException("TODO(engine)");
  }

  /** Replaces the graph (deploys); lines keep their state; returns actions the change enables. */
  public List<Action> updateGraph(Graph newGraph, Instant now) {
    this.graph = newGraph;
    throw new UnsupportedOperationException("TODO(engine)");
  }

  /** After {@link #restore}: StartRipple for every Ripple of an in-flight run not yet complete. */
  public List<Action> resume(Instant now) {
    throw new UnsupportedOperationException("TODO(engine)");
  }

  /** The full state, as plain records, for the daemon to persist. */
  public EngineSnapshot snapshot() {
    throw new UnsupportedOperationException("TODO(engine)");
  }

  /** What status shows of every line. */
  public Map<LineId, PondView> views(Instant now) {
    throw new UnsupportedOperationException("TODO(engine)");
  }

  /** When the daemon should next send a Tick (standing triggers), if ever. */
  public Optional<Instant> nextWake(Instant now) {
    throw new UnsupportedOperationException("TODO(engine) " + cron + graph);
  }
}
