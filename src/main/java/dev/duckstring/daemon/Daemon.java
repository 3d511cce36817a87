package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.Lease;
import dev.duckstring.fs.WriteFence;
import dev.duckstring.http.HttpView;
import dev.duckstring.manifest.CatchmentConfig;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A Catchment's daemon. Constructed first (no I/O, no thread), then {@link #start}ed: it takes the
 * lease, starts the HTTP view, the Ripple workers, the watcher and the {@link Reactor} loop, and
 * runs until {@link #stop} or {@link #close}, which stop them in reverse order. Its {@link State}
 * only moves forward.
 */
public final class Daemon implements AutoCloseable {
  /** Where a daemon is in its life: new, starting, running, stopping, stopped. */
  public enum State {
    NEW,
    STARTING,
    RUNNING,
    STOPPING,
    STOPPED
  }

  private final CatchmentLayout layout;
  private final CatchmentConfig config;
  private final Clock clock;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private final BlockingQueue<Msg> queue = new LinkedBlockingQueue<>();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Consumer<Path> watchHook = changed -> {};
  // Set by start() before the reactor thread starts; read by that thread and start()'s caller.
  private Lease lease;
  private volatile EventLog log; // volatile: the HTTP view's threads journal key file changes
  private RippleWorkers workers;
  private Reactor reactor;
  private Watcher watcher;
  private HttpView http;
  private Alerts alerts;
  private volatile Throwable failure;

  /** A daemon for the root {@code layout}; nothing happens until {@link #start}. */
  public Daemon(CatchmentLayout layout, CatchmentConfig config, Clock clock) {
    this.layout = layout;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Starts the daemon; throws a one-line error if another one holds the root (the daemon is then
   * stopped). Only a new daemon can be started.
   */
  public void start() {
    if (!state.compareAndSet(State.NEW, State.STARTING)) {
      throw new IllegalStateException(
          "the daemon is " + state.get().name().toLowerCase(Locale.ROOT) + ", not new");
    }
    DaemonThreads threads = new DaemonThreads(config.workers());
    try {
      open(threads);
    } catch (IOException | RuntimeException e) {
      state.set(State.STOPPED);
      stopped.countDown();
      if (e instanceof IOException) {
        throw new DuckstringException("cannot start the daemon: " + e.getMessage(), e);
      }
      throw (RuntimeException) e;
    }
    state.compareAndSet(State.STARTING, State.RUNNING); // a stop() meanwhile left STOPPING
    threads.start("duckstring-reactor", false, this::run);
  }

  /**
   * Sets what the watcher calls first with each changed path (a test makes it throw); before start.
   */
  void watchHook(Consumer<Path> hook) {
    if (state.get() != State.NEW) {
      throw new IllegalStateException("the watch hook is set before start");
    }
    this.watchHook = hook;
  }

  /** Takes the lease and starts every part; on failure stops what did start, returns the lease. */
  private void open(DaemonThreads threads) throws IOException {
    this.lease = Lease.acquire(layout, clock.instant());
    // Every write of this thread and of the threads it starts (the reactor, workers, state writers)
    // first checks that the lease is still ours (decision 73: where the kernel lock decides, that
    // the last full check found it so); once the lease is given back, the fence is open.
    WriteFence.install(
        () -> {
          if (!lease.released()) {
            lease.fence();
          }
        });
    HttpView view = null;
    EventLog events = null;
    RippleWorkers pool = null;
    Watcher watch = null;
    Alerts alerting = null;
    Deque<Runnable> started = new ArrayDeque<>();
    try {
      // The read-only view starts first, so a port already in use fails before any thread starts.
      view =
          HttpView.start(
              layout,
              config.name(),
              config.bind(),
              config.port(),
              clock,
              threads.http(),
              HttpView.Keys.journaled(config.readKeys(layout.root()), () -> log, clock));
      started.push(view::close);
      events = new EventLog(layout, config.events());
      started.push(events::close);
      Orphans.sweep(layout, events, clock, Orphans.GRACE); // before any run resumes
      alerting =
          new Alerts(layout, config.name(), config.alerts(), events, clock, threads.alerts());
      started.push(alerting::close);
      VersionCheck versions = new VersionCheck();
      pool =
          new RippleWorkers(
              threads.ripples(), clock, queue::add, new SourceTrees(layout, versions), config);
      started.push(pool::close);
      versions.whenVerified(pool::prepare); // parse a new version's SQL before its first Ripple
      this.reactor =
          new Reactor(
              layout,
              clock,
              events,
              lease,
              queue,
              config.pollInterval(),
              pool,
              versions,
              threads.stateWriters(),
              alerting);
      started.push(reactor::close);
      EventLog journal = events;
      watch =
          config.watch()
              ? new Watcher(
                  layout,
                  queue::add,
                  error -> journal(journal, clock, "daemon_error", Map.of("error", error)),
                  watchHook,
                  threads)
              : null;
      if (watch != null) {
        started.push(watch::close);
      }
      journal(
          events,
          clock,
          "lease_taken",
          Map.of(
              "generation",
              lease.generation(),
              "kernel_lock",
              lease.kernelLocked() ? "held" : String.valueOf(lease.kernelLockProblem()),
              "write_fence",
              lease.lockDecides() ? "kernel_lock" : "lease_files"));
      reactor.start();
    } catch (IOException | RuntimeException e) {
      started.forEach(Runnable::run); // stop what did start, in reverse order
      lease.release();
      throw e;
    }
    this.log = events;
    this.workers = pool;
    this.watcher = watch;
    this.http = view;
    this.alerts = alerting;
  }

  private void run() {
    try {
      reactor.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Lease.Lost e) {
      failure = e;
      WriteFence.remove(); // this one line says why the daemon stopped writing
      journal(log, clock, "lease_lost", Map.of("error", e.getMessage()));
    } catch (RuntimeException | Error e) {
      failure = e;
      log.append(clock.instant(), "daemon_failed", Map.of("error", String.valueOf(e)));
    } finally {
      shutdown();
    }
  }

  /** Appends to events.log, or says it on stderr when even that fails (a full disk). */
  static void journal(EventLog events, Clock clock, String event, Map<String, Object> fields) {
    try {
      events.append(clock.instant(), event, fields);
    } catch (DuckstringException e) {
      System.err.println("duckstring: " + event + " " + fields + " (" + e.getMessage() + ")");
    }
  }

  private void shutdown() {
    state.set(State.STOPPING);
    http.close();
    if (watcher != null) {
      watcher.close();
    }
    workers.close();
    reactor.close();
    alerts.close();
    log.close();
    lease.release();
    state.set(State.STOPPED);
    stopped.countDown();
  }

  /** Asks the loop to stop; running Ripples are abandoned and re-run after the next start. */
  public void stop(String reason) {
    if (state.compareAndSet(State.NEW, State.STOPPED)) {
      stopped.countDown(); // never started: nothing to stop
      return;
    }
    state.compareAndSet(State.STARTING, State.STOPPING);
    state.compareAndSet(State.RUNNING, State.STOPPING);
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

  /** Where the daemon is in its life. */
  public State state() {
    return state.get();
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
    Reactor r = reactor;
    return r == null ? null : r.writeProblem();
  }

  /** Why the last edit of the alert rules was refused (the rules before it stay), or null. */
  public String alertProblem() {
    Alerts a = alerts;
    return a == null ? null : a.problem();
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
