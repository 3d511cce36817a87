package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs locked-down queries in child JVMs ({@link QueryWorker}), each under an OS address-space
 * limit, so a query's memory can never grow the calling process: {@code workers} long-lived
 * processes started on first use, each answering one query at a time; a worker that dies, runs out
 * of memory or overruns the timeout is killed and started afresh for the next query.
 */
public final class QueryWorkers implements QueryBackend, AutoCloseable {
  /** The worker JVM's heap: rows of one answer (8 MiB) as Java strings and their JSON. */
  public static final String HEAP = "160m";

  /** Exit code of the worker's shell when the address-space limit cannot be set. */
  static final int NO_LIMIT = 97;

  private final Duration timeout;
  private final DuckDbOptions duckDb;
  private final long addressSpace;

  /** Free workers, the most recently used first, so a light load keeps one worker warm. */
  private final BlockingDeque<Slot> slots;

  private final List<Slot> all = new ArrayList<>();
  private final ScheduledExecutorService watchdog;
  private volatile boolean closed;

  /**
   * {@code workers} processes, each stopping a statement after {@code timeout} (and killed some
   * seconds later by a task on {@code watchdog}, which the caller makes and this closes), with
   * {@code duckDb}'s threads and memory, under {@code addressSpace} bytes of virtual memory (JVM,
   * DuckDB and all).
   */
  public QueryWorkers(
      int workers,
      Duration timeout,
      DuckDbOptions duckDb,
      long addressSpace,
      ScheduledExecutorService watchdog) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be >= 1, got " + workers);
    }
    this.timeout = requireNonNull(timeout, "timeout is null");
    this.duckDb = requireNonNull(duckDb, "duckDb is null");
    if (duckDb.threads() < 1 || duckDb.memoryLimit() == null) {
      throw new IllegalArgumentException("a query worker needs explicit threads and memory limit");
    }
    this.addressSpace = addressSpace;
    this.slots = new LinkedBlockingDeque<>(workers);
    for (int i = 0; i < workers; i++) {
      Slot s = new Slot();
      slots.add(s);
      all.add(s);
    }
    this.watchdog = requireNonNull(watchdog, "watchdog is null");
  }

  /**
   * Runs the query in a free worker; a SQL error is a {@link
   * dev.duckstring.model.DuckstringException} with DuckDB's message, a dead or overrunning worker a
   * {@link QueryWorkerFailure}.
   */
  @Override
  public QueryResult query(QueryScope scope, String sql, int maxRows, long maxBytes) {
    Slot slot;
    try {
      slot = slots.pollFirst(timeout.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueryWorkerFailure("interrupted while waiting for a query worker");
    }
    if (slot == null) {
      throw new QueryWorkerFailure("no query worker is free; try again shortly");
    }
    try {
      String line = Json.line(QueryWorker.Request.of(scope, sql, maxRows, maxBytes));
      QueryWorker.Reply reply =
          Json.read(
              slot.exchange(line, 2 * Math.min(maxBytes, 1L << 30) + (1 << 20)),
              QueryWorker.Reply.class,
              "query worker reply");
      if (reply.error() != null) {
        throw new DuckstringException(reply.error());
      }
      return new QueryResult(reply.columns(), reply.rows(), reply.truncated(), reply.byteLimited());
    } finally {
      slots.addFirst(slot);
    }
  }

  /** The process ids of the running workers (for tests and diagnostics). */
  public List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    for (Slot s : all) {
      Process p = s.process;
      if (p != null && p.isAlive()) {
        pids.add(p.pid());
      }
    }
    return pids;
  }

  /** Stops every worker and waits briefly for them to exit. */
  @Override
  public void close() {
    closed = true;
    for (Slot s : all) {
      s.kill();
    }
    watchdog.shutdownNow();
  }

  /** One worker process, started on first use and after each failure. */
  private final class Slot {
    private volatile Process process;
    private Writer in;
    private BufferedReader out;

    String exchange(String request, long maxChars) {
      if (closed) {
        throw new QueryWorkerFailure("the HTTP view is stopping");
      }
      AtomicBoolean overran = new AtomicBoolean();
      String reason = null;
      try {
        start();
      } catch (IOException e) {
        throw new QueryWorkerFailure("cannot start the query worker: " + e.getMessage());
      }
      Process p = process;
      if (p == null || closed) {
        throw new QueryWorkerFailure("the HTTP view is stopping");
      }
      try {
        ScheduledFuture<?> kill;
        try {
          kill =
              watchdog.schedule(
                  () -> {
                    overran.set(true);
                    p.destroyForcibly();
                  },
                  timeout.toMillis() + 15_000,
                  TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
          throw new QueryWorkerFailure("the HTTP view is stopping");
        }
        try {
          in.write(request);
          in.write('\n');
          in.flush();
          String reply = readLine(maxChars);
          if (reply != null) {
            return reply;
          }
        } finally {
          kill.cancel(false);
        }
      } catch (IOException e) {
        // The worker closed its pipes (it died: said below), or sent too much.
        reason = e.getMessage();
      }
      int exit = stopped();
      if (reason != null && reason.startsWith("reply longer")) {
        throw new QueryWorkerFailure(
            "the query worker sent a " + reason + "; it restarts for the next query");
      }
      if (overran.get()) {
        throw new QueryWorkerFailure(
            "the query ran longer than "
                + timeout.toSeconds()
                + " s; its worker was stopped and restarts for the next query");
      }
      if (exit == NO_LIMIT) {
        throw new QueryWorkerFailure("cannot limit the query worker's memory ('ulimit -v' failed)");
      }
      throw new QueryWorkerFailure(
          "the query worker ran out of memory (limit "
              + (addressSpace >> 20)
              + " MiB) or stopped (exit "
              + exit
              + "); it restarts for the next query");
    }

    private void start() throws IOException {
      if (process != null && process.isAlive()) {
        return;
      }
      ProcessBuilder b = new ProcessBuilder(QueryWorkerCommand.of(addressSpace, timeout, duckDb));
      b.directory(Path.of(System.getProperty("java.io.tmpdir")).toFile());
      b.environment().put("MALLOC_ARENA_MAX", "2");
      b.redirectError(ProcessBuilder.Redirect.DISCARD);
      Process p = b.start();
      in = new OutputStreamWriter(p.getOutputStream(), StandardCharsets.UTF_8);
      out =
          new BufferedReader(
              new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8), 1 << 16);
      process = p;
      if (closed) {
        kill();
        throw new QueryWorkerFailure("the HTTP view is stopping");
      }
    }

    /** One line of at most {@code maxChars}, or null at end of stream; longer: kills the worker. */
    private String readLine(long maxChars) throws IOException {
      StringBuilder b = new StringBuilder();
      char[] buf = new char[8192];
      while (true) {
        int n = out.read(buf);
        if (n < 0) {
          return null;
        }
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            b.append(buf, 0, i);
            return b.toString();
          }
        }
        b.append(buf, 0, n);
        if (b.length() > maxChars) {
          throw new IOException("reply longer than " + maxChars + " characters");
        }
      }
    }

    /** Kills the worker (if running) and returns its exit code. */
    private int stopped() {
      Process p = process;
      kill();
      try {
        return p == null ? -1 : (p.waitFor(5, TimeUnit.SECONDS) ? p.exitValue() : -1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }

    synchronized void kill() {
      Process p = process;
      if (p == null) {
        return;
      }
      p.destroyForcibly();
      try {
        p.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }
}
