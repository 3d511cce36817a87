package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.Lease;
import dev.duckstring.engine.Event;
import dev.duckstring.model.DuckstringException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The loop on the daemon's one thread of control: takes messages off the queue in batches, has the
 * root scanned ({@link RootScan}) and the engine's actions carried out ({@link EngineDriver}),
 * fires due wakes, persists after each batch, and keeps the lease's heartbeat.
 */
final class Reactor {
  /** A batch slower than this is journaled: the reactor is the daemon's one thread of control. */
  private static final Duration SLOW_BATCH = Duration.ofMillis(250);

  private final Clock clock;
  private final EventLog log;
  private final Lease lease;
  private final BlockingQueue<Msg> queue;
  private final Duration pollInterval;
  private final WriteTrouble trouble;
  private final EngineDriver engine;
  private final RootScan scan;
  private final StatusWriter status;
  private final Alerts alerts;

  /** A test's audit of the batch's writes (decision 60); null outside such a test. */
  private final BatchAudit audit;

  Reactor(
      CatchmentLayout layout,
      Clock clock,
      EventLog log,
      Lease lease,
      BlockingQueue<Msg> queue,
      Duration pollInterval,
      RippleLauncher launcher,
      VersionCheck versions,
      ExecutorService stateWriters,
      Alerts alerts) {
    this.clock = clock;
    this.alerts = alerts;
    this.log = log;
    this.lease = lease;
    this.queue = queue;
    this.pollInterval = pollInterval;
    this.trouble = new WriteTrouble(log, clock);
    this.status = new StatusWriter(layout, trouble);
    this.engine =
        new EngineDriver(
            layout,
            clock,
            log,
            launcher,
            ZoneId.systemDefault(),
            status,
            trouble,
            stateWriters,
            lease::check);
    this.scan = new RootScan(layout, clock, log, versions, status, trouble, engine);
    engine.commit().onCommitted(() -> queue.offer(new Msg.Committed()));
    this.audit = BatchAudit.of(layout.root());
    if (audit != null) {
      engine.shadow(audit.shadow());
    }
  }

  /** Loads the graph and persisted state, resumes interrupted runs, then scans everything. */
  void start() {
    Instant now = clock.instant();
    scan.first(now);
    engine.restore(now);
    scan.resumeSignals();
    scan.scan(null);
    flush();
    settled(); // the daemon starts on state that is on disk
    status.files().drain(); // and says so in every status.json before it answers as running
  }

  /**
   * Runs batches until a {@link Msg.Shutdown}; throws {@link Lease.Lost} once the lease is gone.
   */
  void run() throws InterruptedException {
    Heartbeat heartbeat = new Heartbeat(lease, log, clock);
    long lastFullScan = System.nanoTime();
    boolean running = true;
    while (running) {
      Msg first = queue.poll(untilWake(pollInterval).toMillis() + 1, TimeUnit.MILLISECONDS);
      List<Msg> batch = new ArrayList<>();
      if (first != null) {
        batch.add(first);
        queue.drainTo(batch);
      }
      // The periodic full scan is the truth (events are only hints); it runs even when busy.
      if (first == null || System.nanoTime() - lastFullScan >= pollInterval.toNanos()) {
        batch.add(new Msg.Rescan(null));
        lastFullScan = System.nanoTime();
      }
      long began = System.nanoTime();
      try {
        lease.check(); // a daemon whose lease was taken over writes nothing more
        if (batch.stream().allMatch(m -> m instanceof Msg.Committed)) {
          settled(); // what the commit wrote is on disk: status may say it
        } else {
          if (!hopsOnly(batch)) {
            settled(); // scans, signals and stops see every earlier batch on disk
          }
          running = handle(batch);
          lease.check();
          afterBatch();
        }
        long took = System.nanoTime() - began;
        if (took > SLOW_BATCH.toNanos()) {
          log.append(
              clock.instant(),
              "slow_batch",
              Map.of(
                  "ms",
                  took / 1_000_000,
                  "messages",
                  batch.stream().map(m -> m.getClass().getSimpleName()).distinct().toList()));
        }
      } catch (DuckstringException | UncheckedIOException e) {
        // One bad batch (a full disk, an unreadable file) must not stop the Catchment.
        log.append(
            clock.instant(), "daemon_error", Map.of("error", String.valueOf(e.getMessage())));
      }
      heartbeat.beatIfDue(clock.instant());
    }
    settled(); // the last batch's commit, and the signals it saved
    status.files().drain(); // and the status that says so
  }

  /**
   * True when {@code batch} is only finished Ripples, tests and commits: a hop, which may go on
   * while the last batch's commit is on its way to disk (decision 61).
   */
  private static boolean hopsOnly(List<Msg> batch) {
    return batch.stream()
        .allMatch(
            m ->
                m instanceof Msg.RippleDone
                    || m instanceof Msg.TestsDone
                    || m instanceof Msg.Committed);
  }

  /** Ends the commit in flight, if any, then writes status: all it says is on disk now. */
  private void settled() {
    try {
      if (engine.commit().settle()) {
        engine.writeStatus();
      }
    } catch (DuckstringException | UncheckedIOException e) {
      log.append(clock.instant(), "daemon_error", Map.of("error", String.valueOf(e.getMessage())));
    }
  }

  /** Handles a batch, scanning each Pond at most once; false when a shutdown was asked for. */
  private boolean handle(List<Msg> batch) {
    Set<String> ponds = new LinkedHashSet<>();
    boolean all = false;
    for (Msg m : batch) {
      if (m instanceof Msg.Rescan r) {
        if (r.pond() == null) {
          all = true;
        } else {
          ponds.add(r.pond());
        }
      } else if (!handle(m)) {
        return false;
      }
    }
    if (all) {
      scan.scan(null);
      // An operator's edit of a contract.json is seen by the full scan, like any file (dec. 60).
      status.contractsChanged(engine.built().deployed().keySet());
    } else {
      ponds.forEach(scan::scan);
    }
    return true;
  }

  /** Handles one message other than a rescan; returns false when the loop should stop. */
  private boolean handle(Msg msg) {
    if (msg instanceof Msg.Shutdown s) {
      log.append(clock.instant(), "daemon_stopping", Map.of("reason", s.reason()));
      return false;
    }
    if (msg instanceof Msg.RippleDone d) {
      engine.rippleDone(d);
    } else if (msg instanceof Msg.TestsDone t) {
      engine.testsDone(t);
    }
    return true;
  }

  /** Fires due standing triggers, then writes state and status of changed lines. */
  private void afterBatch() {
    Instant now = clock.instant();
    Optional<Instant> wake = engine.nextWake(now);
    if (wake.isPresent() && !wake.get().isAfter(now)) {
      engine.apply(new Event.Tick(), now);
    }
    engine.retryFullDisk(now);
    engine.relaunchDue(now);
    flush();
    alert();
  }

  /** Re-reads changed alert rules and hands what is due to the deliveries (never waits on them). */
  private void alert() {
    try {
      alerts.reload();
      if (alerts.idle()) {
        return; // no rule: not even a look at the lines
      }
      Instant now = clock.instant();
      alerts.check(engine.views(now), engine.built().deployed(), engine.lastRuns(), now);
    } catch (RuntimeException e) {
      // An alert is never a reason to stop running Ponds.
      log.append(clock.instant(), "daemon_error", Map.of("error", "alerts: " + e));
    }
  }

  /** How long the loop may sleep before the engine needs a tick. */
  private Duration untilWake(Duration max) {
    Instant now = clock.instant();
    Optional<Instant> retry = engine.nextRetry();
    Optional<Instant> tick = engine.nextWake(now);
    Optional<Instant> wake =
        retry.isPresent() && (tick.isEmpty() || retry.get().isBefore(tick.get())) ? retry : tick;
    return wake.map(w -> Duration.between(now, w))
        .filter(d -> d.compareTo(max) < 0)
        .or(
            () ->
                engine.retrying() && FullDiskRetry.FIRST.compareTo(max) < 0
                    ? Optional.of(FullDiskRetry.FIRST)
                    : Optional.empty())
        .map(d -> d.isNegative() ? Duration.ZERO : d)
        .orElse(max);
  }

  /**
   * Commits state and run records (the signals claimed so far are deleted once the commit saved
   * their demand). Status is written when no commit is in flight, so that a status never runs ahead
   * of the run records and contracts on disk: now when there was nothing to commit, else once the
   * commit has settled ({@link Msg.Committed}).
   */
  private void flush() {
    scan.unsaved().commit(engine);
    if (audit != null) {
      settled(); // a test's audit compares files: every batch on disk before it looks
    }
    if (!engine.commit().inFlight()) {
      engine.writeStatus();
    }
    if (audit != null) {
      status.files().drain();
      audit.check();
    }
  }

  /** The current problem writing the daemon's own files (a full disk), or null. */
  String writeProblem() {
    return trouble.problem();
  }

  /** Stops the helper threads. */
  void close() {
    engine.close();
    status.files().close();
  }
}
