package dev.duckstring.daemon;

import dev.duckstring.catchment.LineStatus.Receipt;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The signals applied to each line lately and the run each caused (decision 38): a run of the line
 * that started at or after the signal was taken (for a pulse, also at a freshness at or after it),
 * until it ends; or the state (blocked, failed, killed) that keeps the line from running first.
 * Kept in memory, the last {@link #KEEP} per line, and shown in status.json as {@code received}.
 */
final class Receipts {
  static final int KEEP = 16;

  private final Map<LineId, List<Receipt>> byLine = new HashMap<>();
  private final Map<String, Instant> runF = new HashMap<>();

  /** The daemon took signal {@code file} of {@code kind} for {@code line} at {@code at}. */
  void received(LineId line, String file, String kind, Instant at) {
    List<Receipt> mine = byLine.computeIfAbsent(line, l -> new ArrayList<>());
    mine.add(new Receipt(file, kind, at, null, null));
    while (mine.size() > KEEP) {
      Receipt gone = mine.remove(0);
      runF.remove(line + "/" + gone.file());
    }
  }

  /**
   * The receipts of {@code line}, brought up to date with its newest run {@code last} and {@code
   * state}; {@code run} finds the record of a run of the line by freshness.
   */
  List<Receipt> of(
      LineId line, RunRecord last, LineState state, BiFunction<LineId, Instant, RunRecord> run) {
    List<Receipt> mine = byLine.get(line);
    if (mine == null) {
      return List.of();
    }
    for (int i = 0; i < mine.size(); i++) {
      Receipt r = mine.get(i);
      if (!r.ended()) {
        mine.set(i, update(line, r, last, state, run));
      }
    }
    return List.copyOf(mine);
  }

  private Receipt update(
      LineId line,
      Receipt r,
      RunRecord last,
      LineState state,
      BiFunction<LineId, Instant, RunRecord> run) {
    String key = line + "/" + r.file();
    RunRecord caused = null;
    if (r.run() != null && runF.containsKey(key)) {
      caused = run.apply(line, runF.get(key));
    }
    if (caused == null && last != null && causes(r, last)) {
      caused = last;
      runF.put(key, last.f());
    }
    if (caused != null) {
      String outcome = caused.running() ? null : caused.state().word();
      if (outcome != null) {
        runF.remove(key);
      }
      return new Receipt(r.file(), r.kind(), r.at(), caused.id(), outcome);
    }
    if (r.run() == null
        && (state == LineState.BLOCKED || state == LineState.FAILED || state == LineState.KILLED)) {
      return new Receipt(r.file(), r.kind(), r.at(), null, state.word());
    }
    return r;
  }

  /** True when {@code run} is one that signal {@code r} caused (decision 38). */
  static boolean causes(Receipt r, RunRecord run) {
    boolean after = !run.started().isBefore(r.at());
    return after && (!r.kind().equals("pulse") || !run.f().isBefore(r.at()));
  }
}
