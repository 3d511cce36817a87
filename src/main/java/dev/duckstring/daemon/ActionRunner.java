package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.engine.Action;
import dev.duckstring.engine.Engine;
import dev.duckstring.engine.Event;
import dev.duckstring.engine.Graph;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
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
  private final Generations generations;
  private final RunRecorder runs;
  private final Outputs outputs;
  private final RippleLauncher launcher;
  private final FullDiskRetry retry;
  private final ContractGate contracts;
  private final DataTestGate tests;
  private final Deployments deployments;

  /** Runs before each publish; throws when the daemon may no longer write (its lease was lost). */
  private final Runnable beforePublish;

  /** The batch's group commit: the last force of a publish's {@code data/} goes there. */
  private final BatchCommit commit;

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
    this.generations = generations;
    this.runs = runs;
    this.outputs = outputs;
    this.launcher = launcher;
    this.retry = retry;
    this.beforePublish = beforePublish;
    this.commit = commit;
    this.contracts = commit.contracts();
    this.tests = new DataTestGate(outputs, launcher);
    this.deployments = new Deployments(layout);
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
              sourceGenerations(d),
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
      return publish(p, engine, built, now);
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

  private List<Action> publish(
      Action.Publish p, Engine engine, GraphBuilder.Built built, Instant now) {
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
      Deployed made = runDeployed(p, built);
      if (tests.start(p.line(), p.f(), made, chosen, sourceGenerations(made))) {
        log.append(
            now, "tests_started", Map.of("line", p.line().toString(), "f", p.f().toString()));
        return List.of(); // the workers answer with TestsDone (decision 49)
      }
      return complete(p.line(), p.f(), runVersion(p.line(), p.f(), built), chosen, engine, now);
    } catch (DuckstringException e) {
      return engine.apply(new Event.PublishFailed(p.line(), p.f(), e.getMessage()), now);
    }
  }

  /**
   * The data tests of a run ended ({@code d}): a failing error test fails the run, else it
   * publishes as a run without tests does. An answer for a run no longer publishing (killed) or
   * unknown (from before a restart) changes nothing.
   */
  List<Action> testsDone(Msg.TestsDone d, Engine engine, GraphBuilder.Built built, Instant now) {
    TestJob job = tests.done(d);
    if (job == null || !engine.publishing(d.line(), d.f())) { // killed meanwhile: they stopped
      Map<String, Object> fields = Map.of("line", d.line().toString(), "f", d.f().toString());
      log.append(now, "tests_abandoned", fields);
      return List.of();
    }
    runs.tests(d.line(), d.f(), d.results());
    String error = d.error() != null ? d.error() : DataTestGate.error(d.results());
    long warned = d.results().stream().filter(r -> !r.passed() && !r.failsRun()).count();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("line", d.line().toString());
    fields.put("f", d.f().toString());
    fields.put("tests", d.results().size());
    fields.put("warned", warned);
    if (error != null) {
      fields.put("error", error); // tests_passed has none (it once wrote the text "null")
    }
    log.append(now, error == null ? "tests_passed" : "tests_failed", fields);
    if (error != null) { // the last good generation stays; Sinks are blocked by the failed run
      return engine.apply(new Event.PublishFailed(d.line(), d.f(), error), now);
    }
    try {
      beforePublish.run();
      return complete(d.line(), d.f(), runVersion(d.line(), d.f(), built), job.own(), engine, now);
    } catch (DuckstringException e) {
      return engine.apply(new Event.PublishFailed(d.line(), d.f(), e.getMessage()), now);
    }
  }

  /** Checks the schema contract and swaps CURRENT to run {@code f}'s {@code chosen} outputs. */
  private List<Action> complete(
      LineId line,
      Instant f,
      PondVersion version,
      Map<String, Path> chosen,
      Engine engine,
      Instant now) {
    ContractGate.Verdict contract = contracts.check(line, version, chosen);
    if (contract.refused()) { // before the CURRENT swap: the last good generation stays
      runs.refused(line, f, contract.broken());
      String error = contracts.error(line, contract);
      return engine.apply(new Event.PublishFailed(line, f, error), now);
    }
    commit.awaitRecords(); // the Sources' CURRENT first (decision 61)
    Generations.Publication published =
        generations.publish(
            line,
            RunRecords.runId(f),
            chosen,
            outputs::inUse,
            commit.files(),
            commit.unforced(chosen));
    commit.forced(chosen.values());
    contracts.published(line, contract, now);
    String generation = published.generation(); // the run id, or run id-n after a crash
    boolean changed = published.changed();
    launcher.runEnded(line, f);
    tests.ended(line, f);
    runs.published(line, f, generation, changed, now);
    log.append(
        now,
        "run_published",
        Map.of(
            "line",
            line.toString(),
            "f",
            f.toString(),
            "generation",
            generation,
            "changed",
            changed));
    outputs.prune(line);
    retry.succeeded(line);
    return engine.apply(new Event.Published(line, f, changed), now);
  }

  /** The version whose code made run {@code f}: its record's, else the one deployed. */
  private PondVersion runVersion(LineId line, Instant f, GraphBuilder.Built built) {
    RunRecord r = runs.get(line, f);
    if (r != null && r.version() != null && PondVersion.isValid(r.version())) {
      return PondVersion.parse(r.version());
    }
    Deployed d = built.deployed().get(line);
    if (d == null) {
      throw new DuckstringException(line + " has no deployed version");
    }
    return d.manifest().version();
  }

  /** The deployed version that made run {@code p} (its record's), else the line's current one. */
  private Deployed runDeployed(Action.Publish p, GraphBuilder.Built built) {
    Deployed d = built.deployed().get(p.line());
    RunRecord r = runs.get(p.line(), p.f());
    if (r != null && r.version() != null && PondVersion.isValid(r.version())) {
      PondVersion v = PondVersion.parse(r.version());
      if (d == null || !d.manifest().version().equals(v)) {
        try {
          return deployments.read(p.line().pond(), v);
        } catch (DuckstringException e) {
          if (d == null) {
            throw e;
          }
          // the version is gone (a removed deploy): its successor's tests and contract apply
        }
      }
    }
    if (d == null) {
      throw new DuckstringException(p.line() + " has no deployed version");
    }
    return d;
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
}
