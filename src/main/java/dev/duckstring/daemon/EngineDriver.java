package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.engine.Action;
import dev.duckstring.engine.Engine;
import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.engine.Event;
import dev.duckstring.engine.Graph;
import dev.duckstring.engine.PondView;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;

/**
 * Owns the engine on the reactor thread: restores it at start, applies events to it, hands each
 * action it returns to the {@link ActionRunner}, and persists state, status and run records.
 */
final class EngineDriver {
  private final Clock clock;
  private final EventLog log;
  private final Generations generations;
  private final RunRecorder runs;
  private final Outputs outputs;
  private final StatusWriter status;
  private final ActionRunner runner;
  private final CronSchedules cron;
  private final StateFiles stateFiles;
  private final WriteTrouble trouble;
  private final FullDiskRetry retry;
  private final BudgetFiles budgets;
  private final RippleRetries retries = new RippleRetries();
  private final RippleLauncher launcher;

  /** The batch's group commit (decisions 58, 61) of the lines that changed (decision 60). */
  private final BatchCommit commit;

  private final BatchWrites writes;

  private Engine engine;
  private GraphBuilder.Built built;

  EngineDriver(
      CatchmentLayout layout,
      Clock clock,
      EventLog log,
      RippleLauncher launcher,
      ZoneId localZone,
      StatusWriter status,
      WriteTrouble trouble,
      ExecutorService stateWriters,
      Runnable beforePublish) {
    this.clock = clock;
    this.log = log;
    this.status = status;
    this.trouble = trouble;
    this.generations = new Generations(layout);
    this.retry = new FullDiskRetry(layout.root());
    this.runs =
        new RunRecorder(new RunRecords(layout), trouble, this::daemonError, status::changed);
    status.lookUpRunsWith(runs::get);
    this.outputs = new Outputs(layout);
    this.cron = new CronSchedules(localZone);
    this.stateFiles = new StateFiles(layout, stateWriters);
    this.budgets = new BudgetFiles(layout);
    this.launcher = launcher;
    this.commit = new BatchCommit(runs, new ContractGate(layout, log), stateFiles, trouble, clock);
    this.writes = new BatchWrites(commit, stateFiles, status, runs);
    this.runner =
        new ActionRunner(
            layout,
            log,
            generations,
            runs,
            outputs,
            retries.tracking(launcher),
            retry,
            beforePublish,
            commit);
  }

  /** Loads each line's persisted state, recovers its outputs, and resumes interrupted runs. */
  void restore(Instant now) {
    Map<LineId, EngineSnapshot.LineState> states = new LinkedHashMap<>();
    for (LineId line : built.graph().lines().keySet()) {
      EngineSnapshot.LineState s = stateFiles.load(line, this::daemonError);
      Optional<String> lost = generations.dangling(line);
      if (lost.isPresent()) {
        log.append(
            now,
            "daemon_error",
            Map.of("line", line.toString(), "error", LostGeneration.message(line, lost.get())));
        s = s == null ? null : LostGeneration.forget(s);
      }
      if (s != null) {
        states.put(line, s);
      }
      outputs.recover(line, built.graph().lines().get(line).ripples().keySet(), s);
      runs.remember(line, s);
    }
    engine = stateFiles.restore(built.graph(), states, cron, this::daemonError);
    log.append(now, "daemon_started", Map.of("lines", built.graph().lines().size()));
    retry.restored(engine.views(now), now);
    execute(engine.resume(now), now);
  }

  /** The graph and deployed versions the engine runs on from now. */
  void use(GraphBuilder.Built next) {
    built = next;
    status.all(); // versions, yanks, problems: every status may change
  }

  /** A test's audit (decision 60): also writes every line's state and status into {@code other}. */
  void shadow(CatchmentLayout other) {
    writes.shadow(other);
  }

  GraphBuilder.Built built() {
    return built;
  }

  /** Hands the engine a new graph (set by {@link #use}) and carries out what follows. */
  void updateGraph(Graph graph, Instant now) {
    execute(engine.updateGraph(graph, now), now);
  }

  Map<LineId, PondView> views(Instant now) {
    return engine.views(now);
  }

  /** True when a clear would change {@code line} (see {@link Engine#needsClear}). */
  boolean needsClear(LineId line) {
    return engine.needsClear(line);
  }

  Optional<Instant> nextWake(Instant now) {
    return engine.nextWake(now);
  }

  /** True while some line waits to be retried after a full disk. */
  boolean retrying() {
    return retry.any();
  }

  void apply(Event event, Instant now) {
    if (event instanceof Event.Repair r) {
      ControlChecks.journalRepairInProgress(r, engine.views(now), log, now);
    }
    List<Action> actions;
    try {
      actions = engine.apply(event, now);
    } catch (RuntimeException e) {
      log.append(
          now, "engine_error", Map.of("event", event.toString(), "error", String.valueOf(e)));
      return;
    }
    execute(actions, now);
  }

  private void execute(List<Action> first, Instant now) {
    Deque<Action> todo = new ArrayDeque<>(first);
    while (!todo.isEmpty()) {
      Action a = todo.removeFirst();
      List<Action> more = runner.carryOut(a, engine, built, now);
      for (int i = more.size() - 1; i >= 0; i--) {
        todo.addFirst(more.get(i));
      }
    }
  }

  void rippleDone(Msg.RippleDone d) {
    Instant now = clock.instant();
    // A failed attempt the run's budget still covers runs again after a pause; the engine, which
    // still sees the Ripple running, hears only of the last attempt (a killed Ripple is not
    // running any more, so it is never retried).
    Optional<RippleRetries.Pending> again =
        d.error() == null || !engine.rippleRunning(d.line(), d.ripple(), d.f())
            ? Optional.empty()
            : retries.failed(
                d.line(),
                d.ripple(),
                d.f(),
                budgets.budget(d.line()).immediate(),
                runs.failedAttempts(d.line(), d.f()),
                now);
    runs.rippleEnded(d.line(), d.f(), d, again.isPresent());
    if (again.isPresent()) {
      RippleRetries.journal(log, d, again.get(), now);
      return;
    }
    retries.finished(d.line(), d.ripple(), d.f());
    outputs.done(d.line(), d.ripple(), d.f(), d.error() == null ? d.output() : null);
    if (d.unreadable() != null) {
      outputs.discard(d.line(), d.ripple(), d.unreadable());
    }
    if (d.error() == null) {
      commit.written(d.output(), d.forced());
      commit.contracts().read(d.output(), d.schema());
      apply(new Event.RippleCompleted(d.line(), d.ripple(), d.f()), now);
    } else {
      RippleRetries.journalFailed(log, d, now);
      apply(new Event.RippleFailed(d.line(), d.ripple(), d.f(), d.error()), now);
    }
  }

  /** The data tests of a run ended on a worker: publish it, or fail it (decision 49). */
  void testsDone(Msg.TestsDone d) {
    Instant now = clock.instant();
    execute(runner.testsDone(d, engine, built, now), now);
  }

  /** Runs again the failed Ripples whose pause is over, unless killed or cleared meanwhile. */
  void relaunchDue(Instant now) {
    for (RippleRetries.Pending p : retries.due(now)) {
      RippleJob job = p.job();
      if (!engine.rippleRunning(job.line(), job.ripple(), job.f())) {
        retries.finished(job.line(), job.ripple(), job.f());
        outputs.done(job.line(), job.ripple(), job.f(), null); // unpins what it was handed
        continue;
      }
      runs.rippleStarted(job.line(), job.f(), job.ripple(), now);
      RippleLogs.append(job, "retry: attempt " + p.attempt() + " at " + now + "\n");
      launcher.launch(job);
    }
  }

  /** When the next failed Ripple is due to run again, if any waits. */
  Optional<Instant> nextRetry() {
    return retries.nextDue();
  }

  /** The newest run record of each line (what an alert names as its run). */
  Map<LineId, RunRecord> lastRuns() {
    return runs.last();
  }

  /** The retry budget of every line in effect. */
  BudgetFiles budgets() {
    return budgets;
  }

  /**
   * Starts the batch's group commit (decisions 58, 60, 61) once the one before it has ended; {@code
   * then} hears whether every state file was written, when the commit is settled.
   */
  void persistAll(Consumer<Boolean> then) {
    writes.persist(engine, then);
  }

  /** The batch's group commit: the reactor settles the one in flight (decision 61). */
  BatchCommit commit() {
    return commit;
  }

  /** Writes the status of changed lines (after {@link #persistAll}). */
  void writeStatus() {
    writes.status(engine, built, budgets, clock.instant());
    trouble.settle();
  }

  /** Re-drives lines whose run failed for lack of disk space, when their retry is due. */
  void retryFullDisk(Instant now) {
    if (!retry.any()) {
      return;
    }
    Map<LineId, PondView> views = engine.views(now);
    for (LineId line :
        retry.due(now, l -> views.containsKey(l) && views.get(l).state() == LineState.FAILED)) {
      log.append(
          now, "run_retry", Map.of("line", line.toString(), "reason", "no space left on device"));
      apply(new Event.Retry(line), now);
    }
  }

  /**
   * Journals a problem the daemon carries on past (a garbled derived file, an unclaimable signal).
   */
  void daemonError(String error) {
    log.append(clock.instant(), "daemon_error", Map.of("error", error));
  }

  /** Stops the helper threads. */
  void close() {
    commit.close();
  }
}
