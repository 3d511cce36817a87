package dev.duckstring.daemon;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.runner.SqlRippleRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Parses deployed versions' SQL Ripples ahead of their first run (decision 57), so the parse is not
 * part of a Ripple's time: one version at a time on the Ripple workers, each parse queued behind
 * the Ripples launched before it. Best effort: what cannot be read or parsed here is read and
 * parsed again by the Ripple, which reports the problem.
 */
final class SqlPrepare {
  private final Executor pool;
  private final SqlRippleRunner sql;
  private final BooleanSupplier closed;
  private final Queue<Deployed> waiting = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean queued = new AtomicBoolean();

  SqlPrepare(Executor pool, SqlRippleRunner sql, BooleanSupplier closed) {
    this.pool = pool;
    this.sql = sql;
    this.closed = closed;
  }

  /** Queues {@code d}'s SQL to be parsed; returns at once. */
  void add(Deployed d) {
    waiting.add(d);
    next();
  }

  /** Hands the next version to the pool unless one is there already. */
  private void next() {
    if (closed.getAsBoolean() || waiting.isEmpty() || !queued.compareAndSet(false, true)) {
      return;
    }
    try {
      pool.execute(
          () -> {
            try {
              Deployed d = waiting.poll();
              if (d != null && !closed.getAsBoolean()) {
                parse(d, sql);
              }
            } finally {
              queued.set(false);
              next(); // behind what was launched meanwhile
            }
          });
    } catch (RejectedExecutionException e) {
      queued.set(false); // the pool is shut down: nothing will run
    }
  }

  /** Parses each DuckDB SQL Ripple of {@code d} from its deployed directory into {@code sql}. */
  static void parse(Deployed d, SqlRippleRunner sql) {
    if (d.record().isGit()) {
      return; // its files are checked out per run, not kept in the version directory
    }
    for (RippleSpec spec : d.manifest().ripples()) {
      if (!spec.isSql() || spec.onSpark()) {
        continue;
      }
      try {
        sql.prepare(Files.readString(d.dir().resolve(spec.sql())));
      } catch (IOException | RuntimeException e) {
        // the Ripple reads it again and reports what is wrong
      }
    }
  }
}
