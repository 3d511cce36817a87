package dev.duckstring.daemon;

import dev.duckstring.http.HttpView;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Every thread the daemon runs is made here and handed to the part that uses it: the Ripple
 * workers' pool, the state writers' pool, the watch thread, the reactor thread, and the HTTP view's
 * connection pool and query watchdog, and the alert deliveries. The pools start a thread only for
 * their first task; each user shuts down what it was handed. (Threads tied to one child process,
 * such as a command Ripple's stderr pump, are the runner's: they live and end with that process.)
 */
final class DaemonThreads {
  /** State files written at once when a batch changed many lines. */
  private static final int STATE_WRITERS = 8;

  private final ExecutorService ripples;
  private final ExecutorService stateWriters;

  DaemonThreads(int workers) {
    this.ripples = Executors.newFixedThreadPool(workers, named("duckstring-ripple"));
    this.stateWriters =
        Executors.newFixedThreadPool(STATE_WRITERS, named("duckstring-state-writer"));
  }

  /** The pool that runs Ripples ({@code workers} threads). */
  ExecutorService ripples() {
    return ripples;
  }

  /** The HTTP view's pools: a fixed connection pool with a bounded queue, and a query watchdog. */
  HttpView.Pools http() {
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor connections =
        new ThreadPoolExecutor(
            HttpView.CONNECTION_THREADS,
            HttpView.CONNECTION_THREADS,
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(HttpView.CONNECTION_QUEUE),
            r -> {
              Thread t = new Thread(r, "duckstring-http-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    connections.allowCoreThreadTimeOut(true);
    return new HttpView.Pools(
        connections, Executors.newSingleThreadScheduledExecutor(named("query-worker-watchdog")));
  }

  /**
   * The alert deliveries' pool: a few threads that run (and schedule the retries of) deliveries,
   * and a pool for the HTTP client's own work, apart from everything the reactor waits for.
   */
  AlertDelivery.Pools alerts() {
    ScheduledThreadPoolExecutor deliveries =
        new ScheduledThreadPoolExecutor(AlertDelivery.THREADS, named("duckstring-alert"));
    deliveries.setRemoveOnCancelPolicy(true);
    return new AlertDelivery.Pools(
        deliveries, Executors.newCachedThreadPool(named("duckstring-alert-http")));
  }

  /** The pool that writes state.json files in parallel. */
  ExecutorService stateWriters() {
    return stateWriters;
  }

  /**
   * Starts a thread called {@code name} running {@code body}; a daemon thread when {@code daemon}.
   */
  Thread start(String name, boolean daemon, Runnable body) {
    Thread t = new Thread(body, name);
    if (daemon) {
      t.setDaemon(true);
    }
    t.start();
    return t;
  }

  /** Daemon threads named {@code name}; also the commit's and the status writer's own threads. */
  static ThreadFactory named(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
