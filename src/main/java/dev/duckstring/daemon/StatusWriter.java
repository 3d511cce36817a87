package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.daemon.GraphBuilder.Built;
import dev.duckstring.engine.PondView;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RetryBudget;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Turns engine views into status.json files, writing only the lines whose status changed. A file
 * that cannot be written (a full disk) is reported and written again on the next call.
 */
final class StatusWriter {
  private final StatusStore store;
  private final StatusSink primary;
  private StatusSink shadow;

  /** Lines whose status may have changed since the last write; every line when {@code all}. */
  private final Set<LineId> dirty = new HashSet<>();

  private boolean all = true;
  private Map<LineId, String> problems = Map.of();
  private final Map<LineId, Map<String, String>> notes = new HashMap<>();
  private final Receipts receipts = new Receipts();
  private final ContractStatuses contracts;
  private BiFunction<LineId, Instant, RunRecord> runs = (line, f) -> null;

  StatusWriter(CatchmentLayout layout, WriteTrouble trouble) {
    this.store = new StatusStore(layout);
    this.primary =
        new StatusSink(
            store,
            (line, e) -> {
              trouble.failed(e.getMessage());
              dirty.add(line); // written again next time
            },
            true);
    this.contracts = new ContractStatuses(layout);
  }

  /** Finds a run's record by line and freshness (for the runs that signals caused). */
  void lookUpRunsWith(BiFunction<LineId, Instant, RunRecord> runs) {
    this.runs = runs;
  }

  /**
   * The daemon applied signal {@code file} of {@code kind} to {@code line}, taken at {@code at}.
   */
  void received(LineId line, String file, String kind, Instant at) {
    receipts.received(line, file, kind, at);
    dirty.add(line);
  }

  /** A problem of a running line that is not the engine's (a bad trigger file); null clears it. */
  void note(LineId line, String text) {
    note(line, "trigger", text);
  }

  /** A problem of {@code line} about {@code what} (a trigger, a budget file); null clears it. */
  void note(LineId line, String what, String text) {
    Map<String, String> mine = notes.computeIfAbsent(line, l -> new TreeMap<>());
    dirty.add(line);
    if (text == null) {
      mine.remove(what);
    } else {
      mine.put(what, text);
    }
  }

  private String noteOf(LineId line) {
    Map<String, String> mine = notes.getOrDefault(line, Map.of());
    return mine.isEmpty() ? null : String.join("; ", mine.values());
  }

  /** Lines that could not be loaded, with why; shown as failed with that error. */
  void problems(Map<LineId, String> problems) {
    dirty.addAll(this.problems.keySet());
    dirty.addAll(problems.keySet());
    this.problems = Map.copyOf(problems);
  }

  /** The status of {@code lines} may have changed (the engine's, a run record's, a budget's). */
  void changed(Collection<LineId> lines) {
    dirty.addAll(lines);
  }

  /** The status of {@code line} may have changed (its run records did). */
  void changed(LineId line) {
    dirty.add(line);
  }

  /** Every line's status is built again at the next {@link #write} (a new graph). */
  void all() {
    all = true;
  }

  /** Marks the lines whose contract file an operator changed since it was shown. */
  void contractsChanged(Collection<LineId> lines) {
    for (LineId line : lines) {
      if (contracts.changed(line)) {
        dirty.add(line);
      }
    }
  }

  /** The root's status files, written on their own thread (decision 67). */
  StatusSink files() {
    return primary;
  }

  /**
   * A test's audit (decision 60): every write also builds every line's status into {@code other}.
   */
  void shadow(CatchmentLayout other) {
    shadow = new StatusSink(new StatusStore(other), (line, e) -> {}, false);
  }

  /**
   * Writes the status of the lines that may have changed since the last call (every line after
   * {@link #all}) and whose status differs from what their file holds, in the order {@code views}
   * gives the engine's view of the lines asked for: Sources before Sinks, so that a reader who sees
   * a Sink's new run in its file sees its Sources' runs in theirs.
   */
  void write(
      Function<Collection<LineId>, Map<LineId, PondView>> views,
      GraphBuilder.Built built,
      Map<LineId, RunRecord> lastRuns,
      BudgetFiles budgets,
      Instant now) {
    primary.reportFailures(); // the lines whose file could not be written are dirty again
    Set<LineId> only = all ? null : Set.copyOf(dirty);
    all = false;
    dirty.clear();
    build(only, views, built, lastRuns, budgets, now, primary);
    if (shadow != null) {
      build(null, views, built, lastRuns, budgets, now, shadow);
    }
  }

  /** Builds the status of {@code only} (null: every line) into {@code sink}. */
  private void build(
      Set<LineId> only,
      Function<Collection<LineId>, Map<LineId, PondView>> views,
      GraphBuilder.Built built,
      Map<LineId, RunRecord> lastRuns,
      BudgetFiles budgets,
      Instant now,
      StatusSink sink) {
    Map<LineId, PondView> seen = views.apply(only == null ? built.deployed().keySet() : only);
    for (Map.Entry<LineId, PondView> e : seen.entrySet()) {
      LineId line = e.getKey();
      PondView v = e.getValue();
      Deployed d = built.deployed().get(line);
      if (d == null) {
        continue;
      }
      RunRecord run = lastRuns.get(line);
      LineStatus s = status(line, d, v, versions(built, line), run, now);
      sink.put(
          line,
          s.withRetries(retries(budgets.budget(line), v, run, budgets.override(line)))
              .withReceived(receipts.of(line, run, v.state(), runs))
              .withError(yankedSource(s.error(), v, built))
              .withYanked(built.yanked().getOrDefault(line, List.of()))
              .withContract(contracts.of(line, run == null ? List.of() : run.diff())));
    }
    problems.forEach(
        (line, error) -> {
          if (!built.deployed().containsKey(line) && (only == null || only.contains(line))) {
            sink.put(
                line,
                broken(line, error, versions(built, line), lastRuns.get(line), now)
                    .withYanked(built.yanked().getOrDefault(line, List.of())));
          }
        });
    built
        .idle()
        .forEach(
            (line, why) -> {
              if (only == null || only.contains(line)) {
                sink.put(
                    line,
                    idle(line, why, versions(built, line), lastRuns.get(line), now, built, sink));
              }
            });
  }

  /**
   * A line every version of which is yanked: idle, running nothing, with why; its data, freshness
   * and the version that made it stay as last written.
   */
  private LineStatus idle(
      LineId line,
      String why,
      List<String> versions,
      RunRecord run,
      Instant now,
      Built built,
      StatusSink sink) {
    LineStatus last = sink.written(line) != null ? sink.written(line) : lastWritten(line);
    LineStatus s =
        LineStatus.of(line, null, versions, List.of())
            .withState(LineState.IDLE)
            .withError(why)
            .withRuns(0, last == null ? 0 : last.runsCompleted(), LineStatus.LastRun.of(run))
            .withYanked(built.yanked().getOrDefault(line, List.of()))
            .withUpdatedAt(now);
    return last == null
        ? s
        : s.withFreshness(last.startF(), last.endF(), last.changedF())
            .withCode(last.publishedVersion(), false);
  }

  /** The status.json a previous daemon left, or null (none, or garbled: decision 20). */
  private LineStatus lastWritten(LineId line) {
    try {
      return store.read(line);
    } catch (DuckstringException | UncheckedIOException e) {
      return null;
    }
  }

  /** A Sink's "missing source" error says when the Source is missing because it is all yanked. */
  private static String yankedSource(String error, PondView v, Built built) {
    for (LineId source : v.missingSources()) {
      String why = built.idle().get(source);
      if (why != null && error != null && error.startsWith("missing source")) {
        return error + ": " + why;
      }
    }
    return error;
  }

  /** The status of a line whose selected version cannot be loaded: failed with why. */
  private static LineStatus broken(
      LineId line, String error, List<String> versions, RunRecord run, Instant now) {
    String newest = versions.isEmpty() ? null : versions.get(versions.size() - 1);
    return LineStatus.of(line, newest, versions, List.of())
        .withState(LineState.FAILED)
        .withError(error)
        .withRuns(0, 0, LineStatus.LastRun.of(run))
        .withUpdatedAt(now);
  }

  private static List<String> versions(GraphBuilder.Built built, LineId line) {
    return built.versions().getOrDefault(line, List.of());
  }

  /** The one mapping of the engine's view of a line to its status record. */
  private LineStatus status(
      LineId line, Deployed d, PondView v, List<String> versions, RunRecord run, Instant now) {
    return LineStatus.of(line, d.manifest().version().text(), versions, d.sourceSpecs())
        .withState(v.state())
        .withError(v.error() != null ? v.error() : noteOf(line))
        .withDemand(v.hasPull(), v.targets())
        .withFreshness(v.startF(), v.endF(), v.changedF())
        .withRuns(v.runsInFlight(), v.runsCompleted(), LineStatus.LastRun.of(run))
        .withTrigger(v.trigger() == null ? null : v.trigger().status())
        .withBlocks(names(v.missingSources()), names(v.blockedBy()))
        .withCode(v.publishedCode() == null ? null : v.publishedCode().version(), v.codePending())
        .withHeld(v.held())
        .withDeprecated(d.manifest().deprecated())
        .withUpdatedAt(now);
  }

  /**
   * The budget in effect and what is left: of the running run's attempts, of the failure's runs.
   */
  private static LineStatus.Retries retries(
      RetryBudget b, PondView v, RunRecord run, String override) {
    int spent = run != null && run.running() ? run.failedAttempts() : 0;
    return new LineStatus.Retries(
        b.immediate(),
        Math.max(0, b.immediate() - spent),
        b.onChange(),
        Math.min(b.onChange(), v.onChangeLeft()),
        override);
  }

  private static List<String> names(List<LineId> lines) {
    return lines.stream().map(LineId::toString).toList();
  }
}
