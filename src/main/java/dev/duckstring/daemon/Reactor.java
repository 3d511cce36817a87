package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunStore;
import dev.duckstring.catchment.SignalStore;
import dev.duckstring.engine.Action;
import dev.duckstring.engine.Engine;
import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.engine.Event;
import dev.duckstring.engine.Graph;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The single thread that owns the engine: turns scans and finished Ripples into engine events,
 * carries out the resulting actions, and persists state, status and run records after each batch.
 */
final class Reactor {
  private final CatchmentLayout layout;
  private final Clock clock;
  private final EventLog log;
  private final Deployments deployments;
  private final SignalStore signals;
  private final Generations generations;
  private final RunBook runs;
  private final GraphBuilder graphs;
  private final Triggers triggers;
  private final Outputs outputs;
  private final StatusWriter status;
  private final RippleLauncher launcher;
  private final SignalIntake intake;
  private final CronSchedules cron;
  private Engine engine;
  private GraphBuilder.Built built;
  private String fingerprint = "";
  private final StateFiles stateFiles;
  private final WriteTrouble trouble;
  private final FullDiskRetry retry;
  /** Applied signals whose demand is not saved in state.json yet (a full disk): deleted once it is. */
  private final List<SignalStore.Claimed> unsavedSignals = new ArrayList<>();
  /** Claimed signals that could not be applied or rejected yet (a full disk): tried at each scan. */
  private final List<SignalStore.Claimed> unappliedSignals = new ArrayList<>();
  /** The last version seen of every line, even one that briefly left the graph. */
  private final Map<LineId, Deployed> seen = new HashMap<>();
  private Map<String, List<LineId>> linesByPond = Map.of();
  /** Runs before each publish; throws when the daemon may no longer write (its lease was lost). */
  private Runnable beforePublish = () -> {};

  /** Starts Ripples off the reactor thread; results come back as {@link Msg.RippleDone}. */
  interface RippleLauncher {
    void launch(RippleJob job);

    /** Run {@code f} of {@code line} has ended: per-run resources may go. */
    default void runEnded(LineId line, Instant f) {}
  }

  Reactor(
      CatchmentLayout layout,
      Clock clock,
      EventLog log,
      RippleLauncher launcher,
      java.time.ZoneId localZone,
      VersionCheck versions) {
    this.layout = layout;
    this.clock = clock;
    this.log = log;
    this.launcher = launcher;
    this.deployments = new Deployments(layout);
    this.signals = new SignalStore(layout, this::daemonError);
    this.generations = new Generations(layout);
    this.trouble = new WriteTrouble(log, clock);
    this.retry = new FullDiskRetry(layout.root());
    this.runs = new RunBook(new RunStore(layout), trouble, this::daemonError);
    this.graphs = new GraphBuilder(deployments, versions);
    this.triggers = new Triggers(layout);
    this.outputs = new Outputs(layout);
    this.status = new StatusWriter(layout, trouble);
    this.cron = new CronSchedules(localZone);
    this.intake = new SignalIntake(layout, signals, log, clock);
    this.stateFiles = new StateFiles(layout, trouble);
  }

  /** Sets the check that runs before each publish. */
  void beforePublish(Runnable check) {
    this.beforePublish = check;
  }

  /** Loads the graph and persisted state, resumes interrupted runs, then scans everything. */
  void start() {
    Instant now = clock.instant();
    for (String pond : deployments.ponds()) {
      generations.lineDirs(pond).forEach(generations::sweep); // a crash's temporaries
    }
    fingerprint = fingerprint(); // before building: a deploy meanwhile changes it again
    use(graphs.build());
    seen.putAll(built.deployed());
    report(now, built.problems());
    Map<LineId, EngineSnapshot.LineState> states = new LinkedHashMap<>();
    for (LineId line : built.graph().lines().keySet()) {
      EngineSnapshot.LineState s = stateFiles.load(line, this::daemonError);
      Optional<String> lost = generations.dangling(line);
      if (lost.isPresent()) {
        log.append(now, "daemon_error", Map.of("line", line.toString(), "error", LostGeneration.message(line, lost.get())));
        s = s == null ? null : LostGeneration.forget(s);
      }
      if (s != null) {
        states.put(line, s);
      }
      outputs.recover(line, built.graph().lines().get(line).ripples().keySet(), s);
      runs.remember(line);
    }
    engine = stateFiles.restore(built.graph(), states, cron, this::daemonError);
    log.append(now, "daemon_started", Map.of("lines", built.graph().lines().size()));
    // A line that failed for lack of space before the restart is retried like one failing now.
    engine.views(now).forEach((line, v) -> {
      if (v.state() == dev.duckstring.engine.PondView.State.FAILED) {
        retry.failed(line, v.error(), now);
      }
    });
    execute(engine.resume(now), now);
    for (String pond : deployments.ponds()) {
      for (SignalStore.Claimed c : signals.unfinished(pond)) {
        applySignal(c);
      }
    }
    scan(null);
    flush();
  }

  /** Handles one message; returns false when the loop should stop. */
  boolean handle(Msg msg) {
    if (msg instanceof Msg.Shutdown s) {
      log.append(clock.instant(), "daemon_stopping", Map.of("reason", s.reason()));
      return false;
    }
    if (msg instanceof Msg.Rescan r) {
      scan(r.pond());
    } else if (msg instanceof Msg.RippleDone d) {
      rippleDone(d);
    }
    return true;
  }

  /** Fires due standing triggers, then writes state and status of changed lines. */
  void afterBatch() {
    Instant now = clock.instant();
    Optional<Instant> wake = engine.nextWake(now);
    if (wake.isPresent() && !wake.get().isAfter(now)) {
      apply(new Event.Tick(), now);
    }
    retryFullDisk(now);
    flush();
  }

  /** How long the loop may sleep before the engine needs a tick. */
  java.time.Duration untilWake(java.time.Duration max) {
    Instant now = clock.instant();
    return engine
        .nextWake(now)
        .map(w -> java.time.Duration.between(now, w))
        .filter(d -> d.compareTo(max) < 0)
        .or(() -> retry.any() && FullDiskRetry.FIRST.compareTo(max) < 0
            ? Optional.of(FullDiskRetry.FIRST) : Optional.empty())
        .map(d -> d.isNegative() ? java.time.Duration.ZERO : d)
        .orElse(max);
  }

  // ---- scanning -------------------------------------------------------------------------------

  /** Rescans deploys, triggers and signals of {@code pond} (null: every Pond). */
  void scan(String pond) {
    List<String> ponds = pond == null ? deployments.ponds() : List.of(pond);
    // Claim first, then look at deploys: a version deployed before a signal was dropped is
    // then always in the graph the signal is applied to.
    List<SignalStore.Claimed> claimed = new ArrayList<>();
    for (String p : ponds) {
      if (dev.duckstring.model.Names.isValid(p)) {
        claimed.addAll(signals.claim(p, clock.instant()));
      }
    }
    refreshGraph();
    Instant now = clock.instant();
    Map<LineId, dev.duckstring.engine.PondView> views = engine.views(now);
    for (String p : ponds) {
      if (dev.duckstring.model.Names.isValid(p)) {
        syncTriggers(p, views, now);
      }
    }
    List<SignalStore.Claimed> todo = new ArrayList<>(unappliedSignals);
    unappliedSignals.clear();
    todo.addAll(claimed);
    for (SignalStore.Claimed c : todo) {
      try {
        applySignal(c);
      } catch (DuckstringException | java.io.UncheckedIOException e) {
        // e.g. a rejection whose .reason cannot be written: keep it claimed, try again next scan
        trouble.failed(e.getMessage());
        unappliedSignals.add(c);
      }
    }
  }

  /** Rebuilds the graph when what is deployed changed; a new version clears its line's failure. */
  private void refreshGraph() {
    String fp = fingerprint();
    if (fp.equals(fingerprint)) {
      return;
    }
    Instant now = clock.instant();
    fingerprint = fp;
    GraphBuilder.Built next = graphs.build();
    report(now, next.problems());
    for (LineId line : next.graph().lines().keySet()) {
      if (!seen.containsKey(line)) {
        log.append(now, "line_deployed", Map.of("line", line.toString()));
      }
    }
    use(next);
    execute(engine.updateGraph(next.graph(), now), now);
    for (var e : next.deployed().entrySet()) {
      Deployed old = seen.put(e.getKey(), e.getValue());
      if (old != null
          && (!old.manifest().version().equals(e.getValue().manifest().version())
              || !old.record().equals(e.getValue().record()))) {
        apply(new Event.Clear(e.getKey()), now); // a new version gets a fresh start
      }
    }
  }

  private void use(GraphBuilder.Built next) {
    built = next;
    Map<String, List<LineId>> index = new HashMap<>();
    for (LineId line : next.graph().lines().keySet()) {
      index.computeIfAbsent(line.pond(), p -> new ArrayList<>()).add(line);
    }
    linesByPond = index;
  }

  /** What is deployed, cheaply: every version directory and its identity (a forced redeploy of
   * a version replaces the directory, so its file key changes). */
  private String fingerprint() {
    StringBuilder b = new StringBuilder();
    for (String p : deployments.ponds()) {
      for (var v : deployments.versions(p)) {
        b.append(p).append('@').append(v).append(fileKey(layout.version(p, v))).append(';');
      }
    }
    return b.toString();
  }

  private static Object fileKey(Path dir) {
    try {
      return java.nio.file.Files.readAttributes(dir, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private void syncTriggers(String pond, Map<LineId, dev.duckstring.engine.PondView> views, Instant now) {
    for (LineId line : linesByPond.getOrDefault(pond, List.of())) {
      Triggers.Change change = triggers.check(line, views.get(line));
      if (change == null) {
        continue;
      }
      status.note(line, change.error());
      if (change.error() != null) {
        log.append(now, "trigger_rejected", Map.of("line", line.toString(), "error", change.error()));
        continue;
      }
      if (change.event() == null) {
        continue; // the file's earlier error is gone; the trigger in effect stays
      }
      log.append(
          now,
          change.event() instanceof Event.RemoveTrigger ? "trigger_removed" : "trigger_set",
          Map.of("line", line.toString(), "trigger", String.valueOf(change.describe())));
      apply(change.event(), now);
    }
  }

  private void applySignal(SignalStore.Claimed c) {
    Optional<Event> event = intake.read(c, built);
    if (event.isEmpty()) {
      return;
    }
    apply(event.get(), c.claimedAt());
    // Demand propagated upstream too: save it before the signal is gone (on a full disk, the
    // signal stays claimed until the state is saved, and is applied again after a crash).
    if (persistAll()) {
      signals.done(c);
    } else {
      unsavedSignals.add(c);
    }
  }

  // ---- engine ---------------------------------------------------------------------------------

  private void apply(Event event, Instant now) {
    List<Action> actions;
    try {
      actions = engine.apply(event, now);
    } catch (RuntimeException e) {
      log.append(now, "engine_error", Map.of("event", event.toString(), "error", String.valueOf(e)));
      return;
    }
    execute(actions, now);
  }

  private void execute(List<Action> first, Instant now) {
    Deque<Action> todo = new ArrayDeque<>(first);
    while (!todo.isEmpty()) {
      Action a = todo.removeFirst();
      List<Action> more = carryOut(a, now);
      for (int i = more.size() - 1; i >= 0; i--) {
        todo.addFirst(more.get(i));
      }
    }
  }

  private List<Action> carryOut(Action a, Instant now) {
    if (a instanceof Action.StartRun s) {
      Deployed d = built.deployed().get(s.line());
      runs.start(s.line(), d == null ? null : d.manifest().version().text(), s.f(), now);
      log.append(now, "run_started", Map.of("line", s.line().toString(), "f", s.f().toString()));
      return List.of();
    }
    if (a instanceof Action.StartRipple s) {
      Deployed d = built.deployed().get(s.line());
      runs.rippleStarted(s.line(), s.f(), s.ripple(), now);
      RippleJob job =
          new RippleJob(
              s.line(),
              s.ripple(),
              s.f(),
              d,
              outputs.stageDir(s.line(), s.f(), s.ripple()),
              sourceGenerations(d),
              outputs.inputs(s.line(), s.ripple()),
              new RunStore(layout).log(s.line(), RunStore.runId(s.f()), s.ripple()));
      outputs.started(job); // pinned until its RippleDone is processed: prune never takes them
      launcher.launch(job);
      return List.of();
    }
    if (a instanceof Action.Publish p) {
      return publish(p, now);
    }
    if (a instanceof Action.PassRun p) {
      retry.succeeded(p.line());
      launcher.runEnded(p.line(), p.f());
      runs.finish(p.line(), p.f(), "passed", null, false, null, now);
      runs.finishOvertaken(p.line(), p.f(), "passed", null, now);
      log.append(now, "run_passed", Map.of("line", p.line().toString(), "f", p.f().toString()));
      outputs.prune(p.line());
      return List.of();
    }
    if (a instanceof Action.RunFailed r) {
      retry.failed(r.line(), r.error(), now);
      launcher.runEnded(r.line(), r.f());
      runs.finish(r.line(), r.f(), "failed", null, null, r.error(), now);
      log.append(
          now,
          "run_failed",
          Map.of("line", r.line().toString(), "f", r.f().toString(), "error", String.valueOf(r.error())));
      outputs.prune(r.line());
      return List.of();
    }
    throw new IllegalStateException("unknown action " + a);
  }

  private List<Action> publish(Action.Publish p, Instant now) {
    beforePublish.run();
    Graph.PondNode node = built.graph().lines().get(p.line());
    try {
      Map<String, Path> latest = outputs.latest(p.line());
      Map<String, Path> chosen = new LinkedHashMap<>();
      for (String ripple : node.ripples().keySet()) {
        Path dir = latest.get(ripple);
        if (dir == null) {
          throw new DuckstringException("ripple '" + ripple + "' has no completed output");
        }
        chosen.put(ripple, dir);
      }
      Generations.Publication published = generations.publish(p.line(), RunStore.runId(p.f()), chosen, outputs::inUse);
      String generation = published.generation(); // the run id, or run id-n after a crash
      boolean changed = published.changed();
      launcher.runEnded(p.line(), p.f());
      runs.finish(p.line(), p.f(), "success", generation, changed, null, now);
      runs.finishOvertaken(p.line(), p.f(), "success", generation, now);
      log.append(
          now,
          "run_published",
          Map.of("line", p.line().toString(), "f", p.f().toString(), "generation", generation, "changed", changed));
      outputs.prune(p.line());
      retry.succeeded(p.line());
      return engine.apply(new Event.Published(p.line(), p.f(), changed), now);
    } catch (DuckstringException e) {
      return engine.apply(new Event.PublishFailed(p.line(), p.f(), e.getMessage()), now);
    }
  }

  private Map<String, Path> sourceGenerations(Deployed d) {
    Map<String, Path> out = new LinkedHashMap<>();
    if (d == null) {
      return out;
    }
    for (var pin : d.manifest().sources()) {
      generations.current(pin.line()).ifPresent(g -> out.put(pin.pond(), g));
    }
    return out;
  }

  private void rippleDone(Msg.RippleDone d) {
    Instant now = clock.instant();
    runs.rippleEnded(d.line(), d.f(), d);
    outputs.done(d.line(), d.ripple(), d.f(), d.error() == null ? d.output() : null);
    if (d.unreadable() != null) {
      outputs.discard(d.line(), d.ripple(), d.unreadable());
    }
    if (d.error() == null) {
      apply(new Event.RippleCompleted(d.line(), d.ripple(), d.f()), now);
    } else {
      log.append(
          now,
          "ripple_failed",
          Map.of("line", d.line().toString(), "ripple", d.ripple(), "f", d.f().toString(), "error", d.error()));
      apply(new Event.RippleFailed(d.line(), d.ripple(), d.f(), d.error()), now);
    }
  }

  // ---- persistence ----------------------------------------------------------------------------

  private void flush() {
    if (persistAll() && !unsavedSignals.isEmpty()) {
      unsavedSignals.forEach(signals::done);
      unsavedSignals.clear();
    }
    runs.flush();
    status.write(engine.views(clock.instant()), built, runs.last(), clock.instant());
    trouble.settle();
  }

  /** Saves changed state files; false when some could not be written (they stay pending). */
  private boolean persistAll() {
    return stateFiles.write(engine.snapshot().lines());
  }

  /** Re-drives lines whose run failed for lack of disk space, when their retry is due. */
  private void retryFullDisk(Instant now) {
    if (!retry.any()) {
      return;
    }
    Map<LineId, dev.duckstring.engine.PondView> views = engine.views(now);
    var failed = dev.duckstring.engine.PondView.State.FAILED;
    for (LineId line : retry.due(now, l -> views.containsKey(l) && views.get(l).state() == failed)) {
      log.append(now, "run_retry", Map.of("line", line.toString(), "reason", "no space left on device"));
      apply(new Event.Retry(line), now);
    }
  }

  /** The current problem writing the daemon's own files (a full disk), or null. */
  String writeProblem() {
    return trouble.problem();
  }

  private void report(Instant now, Map<LineId, String> problems) {
    problems.forEach((line, p) -> log.append(now, "deploy_problem", Map.of("line", line.toString(), "error", p)));
    status.problems(problems);
  }

  /** Journals a problem the daemon carries on past (a garbled derived file, an unclaimable signal). */
  private void daemonError(String error) {
    log.append(clock.instant(), "daemon_error", Map.of("error", error));
  }

  /** Stops the helper threads. */
  void close() {
    stateFiles.close();
  }

  /** The last run record of a line, for tests and status. */
  RunRecord run(LineId line, Instant f) {
    return runs.get(line, f);
  }


}
