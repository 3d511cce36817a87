package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.SignalStore;
import dev.duckstring.engine.Event;
import dev.duckstring.engine.PondView;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.Names;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scan of the root: what is deployed (a cheap fingerprint, then the graph), trigger files and
 * the signals in each Pond's inbox, turned into engine events for the {@link EngineDriver}.
 */
final class RootScan {
  private final CatchmentLayout layout;
  private final Clock clock;
  private final EventLog log;
  private final Deployments deployments;
  private final SignalStore signals;
  private final Generations generations;
  private final GraphBuilder graphs;
  private final TriggerFiles triggers;
  private final StatusWriter status;
  private final SignalIntake intake;
  private final WriteTrouble trouble;
  private final EngineDriver engine;
  private final YankJournal yanks;
  private final UnsavedSignals unsaved;
  private String fingerprint = "";

  /**
   * Claimed signals that could not be applied or rejected yet (a full disk): tried at each scan.
   */
  private final List<SignalStore.Claimed> unappliedSignals = new ArrayList<>();

  /** The last version seen of every line, even one that briefly left the graph. */
  private final Map<LineId, Deployed> seen = new HashMap<>();

  private Map<String, List<LineId>> linesByPond = Map.of();

  RootScan(
      CatchmentLayout layout,
      Clock clock,
      EventLog log,
      VersionCheck versions,
      StatusWriter status,
      WriteTrouble trouble,
      EngineDriver engine) {
    this.layout = layout;
    this.clock = clock;
    this.log = log;
    this.status = status;
    this.trouble = trouble;
    this.engine = engine;
    this.deployments = new Deployments(layout);
    this.signals = new SignalStore(layout, engine::daemonError);
    this.unsaved = new UnsavedSignals(signals);
    this.generations = new Generations(layout);
    this.graphs = new GraphBuilder(deployments, versions);
    this.triggers = new TriggerFiles(layout);
    this.intake = new SignalIntake(layout, signals, log, clock);
    this.yanks = new YankJournal(deployments, log);
  }

  /** Sweeps a crash's temporaries and builds the first graph from what is deployed. */
  void first(Instant now) {
    for (String pond : deployments.ponds()) {
      generations.lineDirs(pond).forEach(generations::sweep); // a crash's temporaries
    }
    fingerprint = fingerprint(); // before building: a deploy meanwhile changes it again
    yanks.baseline();
    use(graphs.build());
    seen.putAll(engine.built().deployed());
    report(now, engine.built().problems());
  }

  /** Applies again the signals a previous daemon claimed but did not finish. */
  void resumeSignals() {
    for (String pond : deployments.ponds()) {
      for (SignalStore.Claimed c : signals.unfinished(pond)) {
        applySignal(c);
      }
    }
  }

  /** Rescans deploys, triggers and signals of {@code pond} (null: every Pond). */
  void scan(String pond) {
    List<String> ponds = pond == null ? deployments.ponds() : List.of(pond);
    // Claim first, then look at deploys: a version deployed before a signal was dropped is
    // then always in the graph the signal is applied to.
    List<SignalStore.Claimed> claimed = new ArrayList<>();
    for (String p : ponds) {
      if (Names.isValid(p)) {
        claimed.addAll(signals.claim(p, clock.instant()));
      }
    }
    refreshGraph();
    Instant now = clock.instant();
    Map<LineId, PondView> views = engine.views(now);
    for (String p : ponds) {
      if (Names.isValid(p)) {
        syncTriggers(p, views, now);
        syncBudgets(p, views, now);
      }
    }
    List<SignalStore.Claimed> todo = new ArrayList<>(unappliedSignals);
    unappliedSignals.clear();
    todo.addAll(claimed);
    for (SignalStore.Claimed c : todo) {
      try {
        applySignal(c);
      } catch (DuckstringException | UncheckedIOException e) {
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
    yanks.journal(now); // version_yanked, version_unyanked
    GraphBuilder.Built next = graphs.build();
    report(now, next.problems());
    for (LineId line : next.graph().lines().keySet()) {
      if (!seen.containsKey(line)) {
        log.append(now, "line_deployed", Map.of("line", line.toString()));
      }
    }
    use(next);
    engine.updateGraph(next.graph(), now);
    for (var e : next.deployed().entrySet()) {
      Deployed old = seen.put(e.getKey(), e.getValue());
      if (old != null
          && (!old.manifest().version().equals(e.getValue().manifest().version())
              || !old.record().equals(e.getValue().record()))) {
        engine.apply(new Event.Clear(e.getKey()), now); // a new version gets a fresh start
      }
    }
  }

  private void use(GraphBuilder.Built next) {
    engine.use(next);
    Map<String, List<LineId>> index = new HashMap<>();
    for (LineId line : next.graph().lines().keySet()) {
      index.computeIfAbsent(line.pond(), p -> new ArrayList<>()).add(line);
    }
    linesByPond = index;
  }

  /**
   * What is deployed, one listing per Pond: each version directory's identity (a forced redeploy
   * replaces it: a new file key) and whether it is yanked (which changes what a line runs).
   */
  private String fingerprint() {
    StringBuilder b = new StringBuilder();
    for (String p : deployments.ponds()) {
      for (var v : deployments.versions(p)) {
        b.append(p).append('@').append(v).append(fileKey(layout.version(p, v)));
        b.append(deployments.isYanked(p, v) ? " yanked;" : ";");
      }
    }
    return b.toString();
  }

  private static Object fileKey(Path dir) {
    try {
      return Files.readAttributes(dir, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return "?";
    }
  }

  private void syncTriggers(String pond, Map<LineId, PondView> views, Instant now) {
    for (LineId line : linesByPond.getOrDefault(pond, List.of())) {
      TriggerFiles.Change change = triggers.check(line, views.get(line));
      if (change == null) {
        continue;
      }
      status.note(line, change.error());
      if (change.error() != null) {
        log.append(
            now, "trigger_rejected", Map.of("line", line.toString(), "error", change.error()));
        continue;
      }
      if (change.event() == null) {
        continue; // the file's earlier error is gone; the trigger in effect stays
      }
      if (change.event() instanceof Event.RemoveTrigger) {
        log.append(now, "trigger_removed", Map.of("line", line.toString()));
      } else {
        log.append(
            now,
            "trigger_set",
            Map.of("line", line.toString(), "trigger", String.valueOf(change.trigger())));
      }
      engine.apply(change.event(), now);
    }
  }

  /** Follows each line's retry budget (pond.toml, override file) and hands it to the engine. */
  private void syncBudgets(String pond, Map<LineId, PondView> views, Instant now) {
    for (LineId line : linesByPond.getOrDefault(pond, List.of())) {
      Deployed d = engine.built().deployed().get(line);
      PondView v = views.get(line);
      if (d == null || v == null) {
        continue;
      }
      BudgetFiles.Change c = engine.budgets().check(line, d.manifest().retry());
      if (c != null) {
        status.changed(List.of(line)); // its retries (decision 60)
      }
      if (c != null && c.errorChanged()) {
        status.note(line, "budget", c.error());
        if (c.error() != null) {
          log.append(now, "budget_rejected", Map.of("line", line.toString(), "error", c.error()));
        }
      }
      if (c != null && c.budget() != null) {
        String from = engine.budgets().override(line);
        log.append(
            now,
            "budget_set",
            Map.of(
                "line", line.toString(),
                "immediate", c.budget().immediate(),
                "on_change", c.budget().onChange(),
                "from", from == null ? "pond.toml" : from));
      }
      int onChange = engine.budgets().budget(line).onChange();
      if (v.onChangeBudget() != onChange) {
        engine.apply(new Event.Budget(line, onChange), now);
      }
    }
  }

  private void applySignal(SignalStore.Claimed c) {
    Optional<SignalIntake.Taken> taken =
        intake.take(
            c,
            engine.built(),
            e -> ControlChecks.refusal(e, engine.views(c.claimedAt()), engine::needsClear));
    if (taken.isEmpty()) {
      return;
    }
    if (taken.get().event() == null) { // schema-reset (decision 44): the daemon's own file
      // A contract published in this batch is on disk before the reset, and so is the claim.
      signals.force(c);
      unsaved.commit(engine);
      engine.commit().settle();
      ContractGate.reset(layout, log, taken.get().line(), c.claimedAt());
      status.changed(List.of(taken.get().line()));
      signals.done(c);
      return;
    }
    engine.apply(taken.get().event(), c.claimedAt());
    // What the signal caused is shown in the line's status.json for waiters (decision 38).
    status.received(
        taken.get().line(), c.originalName(), taken.get().kind().label(), c.claimedAt());
    // Demand propagated upstream too: the signal stays claimed until the batch's group commit has
    // saved it (decision 58; on a full disk, until a later one has), and is applied again after a
    // crash before that.
    unsaved.add(c);
  }

  /** The applied signals a commit must save before they are deleted. */
  UnsavedSignals unsaved() {
    return unsaved;
  }

  private void report(Instant now, Map<LineId, String> problems) {
    problems.forEach(
        (line, p) ->
            log.append(now, "deploy_problem", Map.of("line", line.toString(), "error", p)));
    status.problems(problems);
  }
}
