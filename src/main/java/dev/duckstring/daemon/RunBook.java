package dev.duckstring.daemon;

import dev.duckstring.catchment.RunRecord.RippleRun;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunStore;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The run records of in-flight runs, kept in memory and written through on every change. A record
 * that cannot be written (a full disk) is reported and kept until {@link #flush} writes it. A
 * garbled run.json never stops the daemon: it is reported and treated as no record.
 */
final class RunBook {
  private final RunStore store;
  private final WriteTrouble trouble;
  private final Consumer<String> garbled;
  /** Records whose newest version is not on disk yet, by key. */
  private final Map<String, RunRecord> unsaved = new LinkedHashMap<>();
  private final Map<String, RunRecord> open = new HashMap<>();
  private final Map<LineId, RunRecord> last = new HashMap<>();

  /** {@code garbled} hears of each garbled run.json met: it counts as no record, and the run goes on. */
  RunBook(RunStore store, WriteTrouble trouble, Consumer<String> garbled) {
    this.store = store;
    this.trouble = trouble;
    this.garbled = garbled;
  }

  private static String key(LineId line, Instant f) {
    return line + "/" + RunStore.runId(f);
  }

  /**
   * The record of run {@code f}, reloaded from disk after a restart, or null if unknown. A garbled
   * run.json is reported and counts as unknown: a re-run then writes a fresh record over it.
   */
  RunRecord get(LineId line, Instant f) {
    return open.computeIfAbsent(key(line, f), k -> unsaved.containsKey(k) ? unsaved.get(k) : readOrNull(line, f));
  }

  private RunRecord readOrNull(LineId line, Instant f) {
    try {
      return store.read(line, RunStore.runId(f));
    } catch (DuckstringException e) {
      garbled.accept(e.getMessage() + "; it counts as no record");
      return null;
    }
  }

  void start(LineId line, String version, Instant f, Instant now) {
    RunRecord existing = get(line, f);
    if (existing != null && "running".equals(existing.state())) {
      return; // resumed after a restart
    }
    put(
        line,
        new RunRecord(
            RunStore.runId(f), line.toString(), version, f, "running", now, null, null, null, null,
            List.of()));
  }

  void rippleStarted(LineId line, Instant f, String ripple, Instant now) {
    update(line, f, r -> withRipple(r, new RippleRun(ripple, "running", now, null, null, null, null, null)));
  }

  void rippleEnded(LineId line, Instant f, Msg.RippleDone d) {
    long ms = Duration.between(d.started(), d.ended()).toMillis();
    RippleRun rr =
        new RippleRun(
            d.ripple(),
            d.error() == null ? "success" : "failed",
            d.started(),
            d.ended(),
            ms,
            d.rows(),
            d.bytes(),
            d.error());
    update(line, f, r -> withRipple(r, rr));
  }

  /** Ends the run: success (with its generation), passed or failed; removes it from memory. */
  RunRecord finish(
      LineId line, Instant f, String state, String generation, Boolean changed, String error, Instant now) {
    RunRecord r = get(line, f);
    if (r == null) {
      return null;
    }
    RunRecord done =
        new RunRecord(
            r.id(), r.line(), r.version(), r.f(), state, r.started(), now, generation, changed, error,
            r.ripples());
    put(line, done);
    open.remove(key(line, f));
    try {
      store.prune(line, RunStore.KEEP);
    } catch (RuntimeException e) {
      // pruning old records is housekeeping: the next finished run tries again
    }
    return done;
  }

  /**
   * Ends every open run of {@code line} at or below {@code f} that is not {@code f} itself: the
   * engine completes overtaken pipelined runs together with the run that overtook them.
   */
  void finishOvertaken(LineId line, Instant f, String state, String generation, Instant now) {
    String prefix = line + "/";
    for (String key : List.copyOf(open.keySet())) {
      RunRecord r = open.get(key);
      if (key.startsWith(prefix) && r.f().isBefore(f) && "running".equals(r.state())) {
        finish(line, r.f(), state, generation, null, "overtaken by run " + RunStore.runId(f), now);
      }
    }
  }

  private void update(LineId line, Instant f, UnaryOperator<RunRecord> change) {
    RunRecord r = get(line, f);
    if (r != null) {
      put(line, change.apply(r));
    }
  }

  private void put(LineId line, RunRecord r) {
    open.put(key(line, r.f()), r);
    save(line, r);
    last.merge(line, r, (a, b) -> b.f().isBefore(a.f()) ? a : b);
  }

  private boolean save(LineId line, RunRecord r) {
    String key = key(line, r.f());
    try {
      store.write(line, r);
    } catch (DuckstringException | UncheckedIOException e) {
      trouble.failed(e.getMessage());
      unsaved.put(key, r);
      return false;
    }
    unsaved.remove(key);
    return true;
  }

  /** Writes the records that could not be written before; true when none is left. */
  boolean flush() {
    for (RunRecord r : List.copyOf(unsaved.values())) {
      if (!save(LineId.parse(r.line()), r)) {
        return false;
      }
    }
    return true;
  }

  /** Seeds the newest run of {@code line} from its records (after a restart). */
  void remember(LineId line) {
    store.recent(line, 1, m -> garbled.accept(m + "; status shows the newest readable run"))
        .forEach(r -> last.put(line, r));
  }

  /** The newest run of each line. */
  Map<LineId, RunRecord> last() {
    return last;
  }

  private static RunRecord withRipple(RunRecord r, RippleRun rr) {
    List<RippleRun> ripples = new ArrayList<>();
    boolean replaced = false;
    for (RippleRun x : r.ripples()) {
      if (x.name().equals(rr.name()) && "running".equals(x.state())) {
        ripples.add(rr);
        replaced = true;
      } else {
        ripples.add(x);
      }
    }
    if (!replaced) {
      ripples.add(rr);
    }
    return new RunRecord(
        r.id(), r.line(), r.version(), r.f(), r.state(), r.started(), r.ended(), r.generation(),
        r.changed(), r.error(), ripples);
  }
}
