package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.GroupCommit;
import dev.duckstring.engine.CronSchedule;
import dev.duckstring.engine.Engine;
import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.engine.Graph;
import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Each line's engine state in its state.json: read at start (a garbled file starts that line
 * fresh), written durably and only when it changed, in the batch's group commit (decision 58) with
 * the run records it relies on. A file that cannot be written (a full disk) is reported and stays
 * pending: it is written again on the next commit.
 */
final class StateFiles implements AutoCloseable {
  private final CatchmentLayout layout;
  private final Map<LineId, EngineSnapshot.LineState> written = new HashMap<>();
  private final ExecutorService pool;

  /** With {@code pool} forcing the files of a commit in parallel (see {@link DaemonThreads}). */
  StateFiles(CatchmentLayout layout, ExecutorService pool) {
    this.layout = layout;
    this.pool = pool;
  }

  /**
   * Reads the saved engine state of {@code line}: null when there is none, and null as well when
   * the file is garbled (not UTF-8, not JSON, not a line state). The daemon must still start: that
   * line starts fresh, {@code trouble} hears one line naming the file, and the file is rewritten
   * with the fresh state.
   */
  EngineSnapshot.LineState load(LineId line, Consumer<String> trouble) {
    try {
      EngineSnapshot.LineState s =
          Json.readFile(layout.state(line), EngineSnapshot.LineState.class);
      if (s != null) {
        loaded(line, s);
      }
      return s;
    } catch (DuckstringException e) {
      trouble.accept(e.getMessage() + "; " + line + " starts fresh");
      return null;
    }
  }

  /**
   * The engine restored from {@code states}. Should the engine refuse the whole snapshot (a state
   * that parses but makes no sense), each line is tried alone and a line it refuses starts fresh,
   * reported to {@code trouble}; the others keep their state.
   */
  Engine restore(
      Graph graph,
      Map<LineId, EngineSnapshot.LineState> states,
      CronSchedule cron,
      Consumer<String> trouble) {
    if (states.isEmpty()) {
      return new Engine(graph, cron);
    }
    try {
      return Engine.restore(graph, new EngineSnapshot(states), cron);
    } catch (RuntimeException whole) {
      Map<LineId, EngineSnapshot.LineState> good = new LinkedHashMap<>();
      for (var e : states.entrySet()) {
        try {
          Engine.restore(graph, new EngineSnapshot(Map.of(e.getKey(), e.getValue())), cron);
          good.put(e.getKey(), e.getValue());
        } catch (RuntimeException one) {
          synchronized (written) {
            written.remove(e.getKey());
          }
          trouble.accept(
              layout.state(e.getKey())
                  + ": error: the engine cannot use this state ("
                  + one
                  + "); "
                  + e.getKey()
                  + " starts fresh");
        }
      }
      return good.isEmpty()
          ? new Engine(graph, cron)
          : Engine.restore(graph, new EngineSnapshot(good), cron);
    }
  }

  /** Remembers what a state file already holds (after loading it), so it is not rewritten. */
  void loaded(LineId line, EngineSnapshot.LineState state) {
    synchronized (written) {
      written.put(line, state);
    }
  }

  /**
   * Adds to {@code commit} the files of the lines of {@code states} whose state differs from what
   * their file holds; returns them, for {@link #saved} once the commit ran.
   */
  Map<LineId, EngineSnapshot.LineState> stage(
      Map<LineId, EngineSnapshot.LineState> states, GroupCommit commit) {
    Map<LineId, EngineSnapshot.LineState> changed = new LinkedHashMap<>();
    for (var e : states.entrySet()) {
      if (e.getValue() != null && !e.getValue().equals(written(e.getKey()))) {
        changed.put(e.getKey(), e.getValue());
        commit.add(
            GroupCommit.Phase.STATE,
            layout.state(e.getKey()),
            (Json.write(e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return changed;
  }

  /**
   * The commit of {@code staged} ran and could not write {@code failed}: the others are on disk.
   * True when every staged file is (the failed ones stay pending: staged again next time).
   */
  boolean saved(Map<LineId, EngineSnapshot.LineState> staged, Set<Path> failed) {
    boolean ok = true;
    for (var e : staged.entrySet()) {
      if (failed.contains(layout.state(e.getKey()))) {
        ok = false;
      } else {
        loaded(e.getKey(), e.getValue());
      }
    }
    return ok;
  }

  /** True when the file of {@code line} holds {@code state} (or there is no state to hold). */
  boolean holds(LineId line, EngineSnapshot.LineState state) {
    return state == null || state.equals(written(line));
  }

  /** The pool the group commit forces files on, in parallel (see {@link DaemonThreads}). */
  ExecutorService pool() {
    return pool;
  }

  private EngineSnapshot.LineState written(LineId line) {
    synchronized (written) {
      return written.get(line);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
