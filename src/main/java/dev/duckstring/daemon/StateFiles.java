package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.engine.CronSchedule;
import dev.duckstring.engine.Engine;
import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.engine.Graph;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Each line's engine state in its state.json: read at start (a garbled file starts that line
 * fresh), written durably and only when it changed. A pulse can change hundreds of lines at once;
 * their files are then written in parallel so the file system can merge the fsyncs into few journal
 * commits. A file that cannot be written (a full disk) is reported and stays pending: it is written
 * again on the next call.
 */
final class StateFiles implements AutoCloseable {
  private static final int PARALLEL_FROM = 2;
  private final CatchmentLayout layout;
  private final WriteTrouble trouble;
  private final Map<LineId, EngineSnapshot.LineState> written = new HashMap<>();
  private final ExecutorService pool;

  /**
   * With {@code pool} writing the files of a large batch in parallel (see {@link DaemonThreads}).
   */
  StateFiles(CatchmentLayout layout, WriteTrouble trouble, ExecutorService pool) {
    this.layout = layout;
    this.trouble = trouble;
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
    written.put(line, state);
  }

  /**
   * Writes the lines of {@code states} whose state differs from what their file holds; true when
   * every file is now up to date, false when some could not be written (they stay pending).
   */
  boolean write(Map<LineId, EngineSnapshot.LineState> states) {
    List<Map.Entry<LineId, EngineSnapshot.LineState>> changed = new ArrayList<>();
    for (var e : states.entrySet()) {
      if (e.getValue() != null && !e.getValue().equals(written(e.getKey()))) {
        changed.add(e);
      }
    }
    boolean ok = true;
    if (changed.size() < PARALLEL_FROM) {
      for (var e : changed) {
        ok &= writeOne(e.getKey(), e.getValue());
      }
      return ok;
    }
    List<Future<Boolean>> pending = new ArrayList<>();
    for (var e : changed) {
      pending.add(pool.submit(() -> writeOne(e.getKey(), e.getValue())));
    }
    for (Future<Boolean> f : pending) {
      try {
        ok &= f.get();
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new DuckstringException("interrupted while saving engine state", ex);
      } catch (ExecutionException ex) {
        throw new DuckstringException("cannot save engine state: " + ex.getCause(), ex);
      }
    }
    return ok;
  }

  private EngineSnapshot.LineState written(LineId line) {
    synchronized (written) {
      return written.get(line);
    }
  }

  private boolean writeOne(LineId line, EngineSnapshot.LineState state) {
    try {
      AtomicFiles.writeString(layout.state(line), Json.write(state) + "\n");
    } catch (DuckstringException | UncheckedIOException e) {
      trouble.failed(e.getMessage());
      return false;
    }
    synchronized (written) {
      written.put(line, state);
    }
    return true;
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
