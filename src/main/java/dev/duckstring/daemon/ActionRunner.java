package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.engine.Action;
import dev.duckstring.engine.Engine;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Carries out one engine action: starts a run (its run record) or a Ripple (a job for the workers),
 * publishes a run's outputs as a generation (after its data tests, when it has any), or ends a run
 * that passed or failed.
 */
final class ActionRunner {
  private final CatchmentLayout layout;
  private final EventLog log;
  private final RunRecorder runs;
  private final Outputs outputs;
  private final RippleLauncher launcher;
  private final FullDiskRetry retry;
  private final DataTestGate tests;
  private final RunVersions versions;

  /** Publishes runs' outputs (decisions 49, 58, 61 and 65). */
  private final Publisher publisher;

  ActionRunner(
      CatchmentLayout layout,
      EventLog log,
      Generations generations,
      RunRecorder runs,
      Outputs outputs,
      RippleLauncher launcher,
      FullDiskRetry retry,
      Runnable beforePublish,
      BatchCommit commit) {
    this.layout = layout;
    this.log = log;
    this.runs = runs;
    this.outputs = outputs;
    this.launcher = launcher;
    this.retry = retry;
    this.tests = new DataTestGate(outputs, launcher);
    this.versions = new RunVersions(runs, new Deployments(layout), generations);
    this.publisher =
        new Publisher(
            log,
            generations,
            runs,
            outputs,
            launcher,
            retry,
            tests,
            versions,
            beforePublish,
            commit);
  }

  /**
   * Carries out {@code a} on the graph {@code built} that {@code engine} runs; returns what next.
   */
  List<Action> carryOut(Action a, Engine engine, GraphBuilder.Built built, Instant now) {
    if (a instanceof Action.StartRun s) {
      Deployed d = built.deployed().get(s.line());
      runs.start(s.line(), d == null ? null : d.manifest().version().text(), s.f(), now);
      outputs.runStarted(s.line(), s.f());
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
              versions.sourceGenerations(d),
              outputs.inputs(s.line(), s.ripple(), s.f()),
              new RunRecords(layout).log(s.line(), RunRecords.runId(s.f()), s.ripple()));
      tests.read(job);
      outputs.started(job); // pinned until its RippleDone is processed: prune never takes them
      launcher.launch(job);
      return List.of();
    }
    if (a instanceof Action.Rebuild r) {
      outputs.rebuild(r.line(), r.f());
      log.append(now, "run_rebuild", Map.of("line", r.line().toString(), "f", r.f().toString()));
      return List.of();
    }
    if (a instanceof Action.Publish p) {
      return publisher.publish(p, engine, built, now);
    }
    if (a instanceof Action.PassRun p) {
      retry.succeeded(p.line());
      launcher.runEnded(p.line(), p.f());
      tests.ended(p.line(), p.f());
      runs.passed(p.line(), p.f(), now);
      log.append(now, "run_passed", Map.of("line", p.line().toString(), "f", p.f().toString()));
      outputs.prune(p.line());
      return List.of();
    }
    if (a instanceof Action.RunFailed r) {
      retry.failed(r.line(), r.error(), now);
      launcher.runEnded(r.line(), r.f());
      tests.ended(r.line(), r.f());
      runs.failed(r.line(), r.f(), r.error(), now);
      log.append(
          now,
          "run_failed",
          Map.of(
              "line",
              r.line().toString(),
              "f",
              r.f().toString(),
              "error",
              String.valueOf(r.error())));
      outputs.prune(r.line());
      return List.of();
    }
    if (a instanceof Action.RunKilled k) {
      launcher.cancel(k.line());
      launcher.runEnded(k.line(), k.f());
      tests.ended(k.line(), k.f());
      runs.killed(k.line(), k.f(), now);
      log.append(now, "run_killed", Map.of("line", k.line().toString(), "f", k.f().toString()));
      outputs.prune(k.line());
      return List.of();
    }
    throw new IllegalStateException("unknown action " + a);
  }

  /** The data tests of a run ended: publish it or fail it ({@link Publisher#testsDone}). */
  List<Action> testsDone(Msg.TestsDone d, Engine engine, GraphBuilder.Built built, Instant now) {
    return publisher.testsDone(d, engine, built, now);
  }

  /** From now on, publishes wait for {@link #release}: the batch's are made together. */
  void hold() {
    publisher.hold();
  }

  /** Makes the publishes held since {@link #hold} together; returns what next. */
  List<Action> release(Engine engine, Instant now) {
    return publisher.release(engine, now);
  }
}
