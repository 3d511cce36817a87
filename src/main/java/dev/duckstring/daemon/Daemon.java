package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.Lease;
import dev.duckstring.fs.WriteFence;
import dev.duckstring.http.HttpView;
import dev.duckstring.manifest.CatchmentConfig;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A running Catchment: holds the lease, watches the root, runs the reactor loop and the Ripple
 * workers until {@link #stop} or {@link #close}. Lifecycle: start, run, stop in reverse order.
 */
public final class Daemon implements AutoCloseable {
  private static final Duration HEARTBEAT = Duration.ofSeconds(10);
  /** A batch slower than this is journaled: the reactor is the daemon's one thread of control. */
  private static final Duration SLOW_BATCH = Duration.ofMillis(250);

  private final CatchmentLayout layout;
  private final CatchmentConfig config;
  private final Clock clock;
  private final Lease lease;
  private final EventLog log;
  private final BlockingQueue<Msg> queue = new LinkedBlockingQueue<>();
  private final RippleWorkers workers;
  private final Reactor reactor;
  private final Watcher watcher;
  private final HttpView http;
  private final Thread loop;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile Throwable failure;
  /** The heartbeat's last failure, journaled once until a heartbeat succeeds again. */
  private String heartbeatProblem;

  private Daemon(CatchmentLayout layout, CatchmentConfig config, Clock clock) throws IOException {
    this.layout = layout;
    this.config = config;
    this.clock = clock;
    this.lease = Lease.acquire(layout, clock.instant());
    // Every write of this thread and of the threads it starts (the reactor, workers, state writers)
    // first checks that the lease is still ours; once the lease is given back, the fence is open.
    WriteFence.install(
        () -> {
          if (!lease.released()) {
            lease.check();
          }
        });
    HttpView view = null;
    EventLog events = null;
    RippleWorkers pool = null;
    Watcher watch = null;
    try {
      // The read-only view starts first, so a port already in use fails before any thread starts.
      view = HttpView.start(layout, config.name(), config.bind(), config.port(), clock);
      events = new EventLog(layout);
      Orphans.sweep(layout, events, clock, Orphans.GRACE); // before any run resumes
      VersionCheck versions = new VersionCheck();
      pool = new RippleWorkers(config.workers(), clock, queue::add, new SourceTrees(layout, versions));
      this.reactor = new Reactor(layout, clock, events, pool, ZoneId.systemDefault(), versions);
      reactor.beforePublish(lease::check);
      watch = config.watch() ? new Watcher(layout, queue::add) : null;
      journal(
          events,
          "lease_taken",
          Map.of(
              "generation", lease.generation(),
              "kernel_lock", lease.kernelLocked() ? "held" : String.valueOf(lease.kernelLockProblem())));
      reactor.start();
    } catch (IOException | RuntimeException e) {
      // Stop what did start, in reverse order, and give the lease back.
      if (watch != null) {
        watch.close();
      }
      if (pool != null) {
        pool.close();
      }
      if (events != null) {
        events.close();
      }
      if (view != null) {
        view.close();
      }
      lease.release();
      throw e;
    }
    this.log = events;
    this.workers = pool;
    this.watcher = watch;
    this.http = view;
    this.loop = new Thread(this::run, "duckstring-reactor");
    loop.start();
  }

  /** Starts a daemon on {@code layout}; throws a one-line error if another one holds the root. */
  public static Daemon start(CatchmentLayout layout, CatchmentConfig config, Clock clock) {
    try {
      return new Daemon(layout, config, clock);
    } catch (IOException e) {
      throw new DuckstringException("cannot start the daemon: " + e.getMessage(), e);
    }
  }

  private void run() {
    Instant lastBeat = clock.instant();
    long lastFullScan = System.nanoTime();
    try {
      boolean running = true;
      while (running) {
        Msg first = queue.poll(reactor.untilWake(config.pollInterval()).toMillis() + 1, TimeUnit.MILLISECONDS);
        List<Msg> batch = new ArrayList<>();
        if (first != null) {
          batch.add(first);
          queue.drainTo(batch);
        }
        // The periodic full scan is the truth (events are only hints); it runs even when busy.
        if (first == null || System.nanoTime() - lastFullScan >= config.pollInterval().toNanos()) {
          batch.add(new Msg.Rescan(null));
          lastFullScan = System.nanoTime();
        }
        long began = System.nanoTime();
        try {
          lease.check(); // a daemon whose lease was taken over writes nothing more
          running = handle(batch);
          long handled = System.nanoTime();
          lease.check();
          reactor.afterBatch();
          long took = System.nanoTime() - began;
          if (took > SLOW_BATCH.toNanos()) {
            log.append(
                clock.instant(),
                "slow_batch",
                Map.of(
                    "ms", took / 1_000_000,
                    "handle_ms", (handled - began) / 1_000_000,
                    "messages", batch.stream().map(m -> m.getClass().getSimpleName()).distinct().toList()));
          }
        } catch (DuckstringException | UncheckedIOException e) {
          // One bad batch (a full disk, an unreadable file) must not stop the Catchment.
          log.append(clock.instant(), "daemon_error", Map.of("error", String.valueOf(e.getMessage())));
        }
        Instant now = clock.instant();
        if (Duration.between(lastBeat, now).compareTo(HEARTBEAT) >= 0) {
          lastBeat = now;
          heartbeat(now);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Lease.Lost e) {
      failure = e;
      WriteFence.remove(); // this one line says why the daemon stopped writing
      journal(log, "lease_lost", Map.of("error", e.getMessage()));
    } catch (RuntimeException | Error e) {
      failure = e;
      log.append(clock.instant(), "daemon_failed", Map.of("error", String.valueOf(e)));
    } finally {
      shutdown();
    }
  }

  /**
   * Refreshes the lease. A failed write (a full disk) is journaled once and retried at the next
   * beat; it never stops the daemon. A lost lease does ({@link Lease.Lost} propagates).
   */
  private void heartbeat(Instant now) {
    try {
      lease.heartbeat(now);
      if (heartbeatProblem != null) {
        heartbeatProblem = null;
        journal(log, "heartbeat_recovered", Map.of());
      }
    } catch (DuckstringException e) {
      if (heartbeatProblem == null) {
        heartbeatProblem = String.valueOf(e.getMessage());
        journal(log, "heartbeat_failed", Map.of("error", heartbeatProblem));
      }
    }
  }

  /** Appends to events.log, or says it on stderr when even that fails (a full disk). */
  private void journal(EventLog events, String event, Map<String, Object> fields) {
    try {
      events.append(clock.instant(), event, fields);
    } catch (DuckstringException e) {
      System.err.println("duckstring: " + event + " " + fields + " (" + e.getMessage() + ")");
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
      } else if (!reactor.handle(m)) {
        return false;
      }
    }
    if (all) {
      reactor.scan(null);
    } else {
      ponds.forEach(reactor::scan);
    }
    return true;
  }

  private void shutdown() {
    http.close();
    if (watcher != null) {
      watcher.close();
    }
    workers.close();
    reactor.close();
    log.close();
    lease.release();
    stopped.countDown();
  }

  /** Asks the loop to stop; running Ripples are abandoned and re-run after the next start. */
  public void stop(String reason) {
    queue.add(new Msg.Shutdown(reason));
  }

  /** Waits until the daemon has stopped. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** True once the loop has ended (stopped or failed). */
  public boolean isStopped() {
    return stopped.getCount() == 0;
  }

  /** Why the loop died, if it did. */
  public Throwable failure() {
    return failure;
  }

  public CatchmentLayout layout() {
    return layout;
  }

  /** The port the read-only HTTP view listens on (the real one when configured as 0). */
  public int httpPort() {
    return http.port();
  }

  /** The current problem writing the root's daemon-owned files (a full disk), or null. */
  public String writeProblem() {
    return reactor.writeProblem();
  }

  /** Pokes the loop to rescan now (tests and the CLI on the same JVM). */
  public void rescan() {
    queue.add(new Msg.Rescan(null));
  }

  @Override
  public void close() {
    stop("closed");
    try {
      awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
