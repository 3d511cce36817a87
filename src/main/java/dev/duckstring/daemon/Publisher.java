package dev.duckstring.daemon;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.Generations;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Publishes a run's outputs as a generation: its data tests first when it has any, the schema
 * contract check, then the generation and {@code CURRENT}; while held, the publishes of one batch
 * wait for its end and are made together (decision 65).
 */
final class Publisher {
  private final EventLog log;
  private final Generations generations;
  private final RunRecorder runs;
  private final Outputs outputs;
  private final RippleLauncher launcher;
  private final FullDiskRetry retry;
  private final ContractGate contracts;
  private final DataTestGate tests;
  private final RunVersions versions;

  /** Runs before each publish; throws when the daemon may no longer write (its lease was lost). */
  private final Runnable beforePublish;

  /** The batch's group commit: the last force of a publish's {@code data/} goes there. */
  private final BatchCommit commit;

  /** Publishes held until the batch ends, to make together (decision 65). */
  private final List<Held> held = new ArrayList<>();

  private boolean holding;

  Publisher(
      EventLog log,
      Generations generations,
      RunRecorder runs,
      Outputs outputs,
      RippleLauncher launcher,
      FullDiskRetry retry,
      DataTestGate tests,
      RunVersions versions,
      Runnable beforePublish,
      BatchCommit commit) {
    this.log = log;
    this.generations = generations;
    this.runs = runs;
    this.outputs = outputs;
    this.launcher = launcher;
    this.retry = retry;
    this.contracts = commit.contracts();
    this.tests = tests;
    this.versions = versions;
    this.beforePublish = beforePublish;
    this.commit = commit;
  }

  /** Publishes run {@code p}, or starts its data tests first. */
  List<Action> publish(Action.Publish p, Engine engine, GraphBuilder.Built built, Instant now) {
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
      Deployed made = versions.deployed(p.line(), p.f(), built);
      if (tests.start(p.line(), p.f(), made, chosen, versions.sourceGenerations(made))) {
        log.append(
            now, "tests_started", Map.of("line", p.line().toString(), "f", p.f().toString()));
        return List.of(); // the workers answer with TestsDone (decision 49)
      }
      return complete(
          p.line(), p.f(), versions.version(p.line(), p.f(), built), chosen, engine, now);
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
    log.append(
        now,
        error == null ? "tests_passed" : "tests_failed",
        Map.of(
            "line", d.line().toString(),
            "f", d.f().toString(),
            "tests", d.results().size(),
            "warned", warned,
            "error", String.valueOf(error)));
    if (error != null) { // the last good generation stays; Sinks are blocked by the failed run
      return engine.apply(new Event.PublishFailed(d.line(), d.f(), error), now);
    }
    try {
      beforePublish.run();
      return complete(
          d.line(), d.f(), versions.version(d.line(), d.f(), built), job.own(), engine, now);
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
    Held h = new Held(line, f, contract, chosen);
    if (holding) {
      held.add(h);
      return List.of();
    }
    return publishNow(List.of(h), engine, now);
  }

  /** A publish that passed its checks, waiting for the end of its batch (decision 65). */
  private record Held(
      LineId line, Instant f, ContractGate.Verdict contract, Map<String, Path> chosen) {}

  /** From now on, publishes wait for {@link #release}: the batch's are made together. */
  void hold() {
    holding = true;
  }

  /** Makes the publishes held since {@link #hold} together; returns what next. */
  List<Action> release(Engine engine, Instant now) {
    holding = false;
    List<Held> all = List.copyOf(held);
    held.clear();
    return all.isEmpty() ? List.of() : publishNow(all, engine, now);
  }

  /** Swaps CURRENT to each run's outputs, all in one batch publish (decision 65). */
  private List<Action> publishNow(List<Held> all, Engine engine, Instant now) {
    commit.awaitRecords(); // the Sources' CURRENT first (decision 61)
    List<Generations.Request> requests = new ArrayList<>();
    for (Held h : all) {
      requests.add(
          new Generations.Request(
              h.line(),
              RunRecords.runId(h.f()),
              h.chosen(),
              outputs::inUse,
              commit.unforced(h.chosen())));
    }
    List<Generations.Outcome> outcomes = generations.publishAll(requests, commit.files());
    List<Action> next = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      Held h = all.get(i);
      Generations.Outcome o = outcomes.get(i);
      next.addAll(
          o.error() != null
              ? engine.apply(new Event.PublishFailed(h.line(), h.f(), o.error().getMessage()), now)
              : published(h, o.publication(), engine, now));
    }
    return next;
  }

  /** What follows a run's publish: its records, its line's next step. */
  private List<Action> published(
      Held h, Generations.Publication published, Engine engine, Instant now) {
    LineId line = h.line();
    Instant f = h.f();
    commit.forced(h.chosen().values());
    contracts.published(line, h.contract(), now);
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
}
