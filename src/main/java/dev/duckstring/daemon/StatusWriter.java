package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.engine.PondView;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns engine views into status.json files, writing only the lines whose status changed. A file
 * that cannot be written (a full disk) is reported and written again on the next call.
 */
final class StatusWriter {
  private final StatusStore store;
  private final WriteTrouble trouble;
  private final Map<LineId, LineStatus> written = new HashMap<>();
  private Map<LineId, String> problems = Map.of();
  private final Map<LineId, String> notes = new HashMap<>();

  StatusWriter(CatchmentLayout layout, WriteTrouble trouble) {
    this.store = new StatusStore(layout);
    this.trouble = trouble;
  }

  /** A problem of a running line that is not the engine's (a bad trigger file); null clears it. */
  void note(LineId line, String text) {
    if (text == null) {
      notes.remove(line);
    } else {
      notes.put(line, text);
    }
  }

  /** Lines that could not be loaded, with why; shown as failed with that error. */
  void problems(Map<LineId, String> problems) {
    this.problems = Map.copyOf(problems);
  }

  void write(
      Map<LineId, PondView> views,
      GraphBuilder.Built built,
      Map<LineId, RunRecord> lastRuns,
      Instant now) {
    for (Map.Entry<LineId, Deployed> e : built.deployed().entrySet()) {
      LineId line = e.getKey();
      PondView v = views.get(line);
      if (v == null) {
        continue;
      }
      put(line, status(line, e.getValue(), v, versions(built, line), lastRuns.get(line), now));
    }
    problems.forEach(
        (line, error) -> {
          if (!built.deployed().containsKey(line)) {
            put(line, broken(line, error, versions(built, line), lastRuns.get(line), now));
          }
        });
  }

  private void put(LineId line, LineStatus s) {
    LineStatus before = written.get(line);
    if (before != null && same(before, s)) {
      return;
    }
    try {
      store.write(line, s);
    } catch (DuckstringException | UncheckedIOException e) {
      trouble.failed(e.getMessage());
      return;
    }
    written.put(line, s);
  }

  /** The status of a line whose selected version cannot be loaded. */
  private static LineStatus broken(
      LineId line, String error, List<String> versions, RunRecord run, Instant now) {
    return new LineStatus(
        line.toString(), line.pond(), line.major(), versions.isEmpty() ? null : versions.get(versions.size() - 1),
        versions, List.of(), "failed", false, List.of(), null, null, null, 0, 0, null, error,
        List.of(), List.of(), lastRun(run), now);
  }

  private static List<String> versions(GraphBuilder.Built built, LineId line) {
    return built.versions().getOrDefault(line, List.of());
  }

  private static LineStatus.LastRun lastRun(RunRecord run) {
    return run == null ? null : new LineStatus.LastRun(run.id(), run.state(), run.started(), run.ended());
  }

  private LineStatus status(
      LineId line, Deployed d, PondView v, List<String> versions, RunRecord run, Instant now) {
    List<String> sources =
        d.manifest().sources().stream().map(p -> p.pond() + " " + p.spec()).toList();
    String error = v.error() != null ? v.error() : notes.get(line);
    return new LineStatus(
        line.toString(),
        line.pond(),
        line.major(),
        d.manifest().version().text(),
        versions,
        sources,
        v.state().name().toLowerCase(Locale.ROOT),
        v.hasPull(),
        v.targets(),
        v.startF(),
        v.endF(),
        v.changedF(),
        v.runsInFlight(),
        v.runsCompleted(),
        Triggers.describe(v.trigger()),
        error,
        v.missingSources().stream().map(LineId::toString).toList(),
        v.blockedBy().stream().map(LineId::toString).toList(),
        lastRun(run),
        now);
  }

  private static boolean same(LineStatus a, LineStatus b) {
    return a.equals(
        new LineStatus(
            b.line(), b.pond(), b.major(), b.version(), b.versions(), b.sources(), b.state(),
            b.hasPull(), b.targets(), b.startF(), b.endF(), b.changedF(), b.runsInFlight(),
            b.runsCompleted(), b.trigger(), b.error(), b.missingSources(), b.blockedBy(),
            b.lastRun(), a.updatedAt()));
  }
}
