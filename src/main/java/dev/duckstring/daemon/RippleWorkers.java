package dev.duckstring.daemon;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Dirs;
import dev.duckstring.fs.FileTests;
import dev.duckstring.fs.Trees;
import dev.duckstring.manifest.CatchmentConfig;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.runner.Cancellation;
import dev.duckstring.runner.DataTestRunner;
import dev.duckstring.runner.DuckDbOptions;
import dev.duckstring.runner.PreviousOutputFailure;
import dev.duckstring.runner.RippleFailure;
import dev.duckstring.runner.SqlRipple;
import dev.duckstring.runner.SqlRippleResult;
import dev.duckstring.runner.SqlRippleRunner;
import dev.duckstring.runner.TableSchemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs Ripples on a fixed pool: each writes into a temporary sibling of its output directory,
 * renamed into place on success, and reports back with a {@link Msg.RippleDone}.
 */
final class RippleWorkers implements RippleLauncher, AutoCloseable {
  /** Outputs of more files are forced by their worker, not their publish (decision 62). */
  static final int SMALL_OUTPUT_FILES = 8;

  private final ExecutorService pool;
  private final Clock clock;
  private final Consumer<Msg> reply;
  private final SourceTrees trees;
  private final SqlRippleRunner sql;
  private final DataTestRunner tests;
  private final Duration defaultTimeout;
  private final SparkRipples spark;
  private final Set<Cancellation> active = ConcurrentHashMap.newKeySet();

  /** The token of every job launched and not finished, by line: {@link #cancel} stops them. */
  private final Map<Cancellation, LineId> launched = new ConcurrentHashMap<>();

  /** Deployed versions' SQL, parsed before their first Ripple (decision 57). */
  private final SqlPrepare prepared;

  private volatile boolean closed;

  /**
   * Runs Ripples on {@code pool} (see {@link DaemonThreads}); shuts it down on {@link #close}. A
   * Ripple without a {@code timeout} of its own is stopped after the Catchment's {@code
   * default_timeout} (null: no limit). SQL Ripples share one DuckDB limited by its {@code duckdb_*}
   * settings; Spark Ripples run where its {@code [spark]} says (decision 56).
   */
  RippleWorkers(
      ExecutorService pool,
      Clock clock,
      Consumer<Msg> reply,
      SourceTrees trees,
      CatchmentConfig config) {
    this.pool = pool;
    this.defaultTimeout = config.defaultTimeout();
    this.clock = clock;
    this.reply = reply;
    this.trees = trees;
    DuckDbOptions options = DuckDbSettings.of(config.duckDb(), trees.root());
    this.sql = new SqlRippleRunner(options);
    this.prepared = new SqlPrepare(pool, sql, () -> closed);
    this.tests = new DataTestRunner(options);
    this.spark = new SparkRipples(config.spark(), trees.root());
  }

  @Override
  public void launch(RippleJob job) {
    Cancellation cancel = new Cancellation();
    launched.put(cancel, job.line());
    pool.execute(
        () -> {
          Msg.RippleDone done;
          try {
            done = run(job, cancel);
          } finally {
            launched.remove(cancel);
          }
          if (done != null && !closed) {
            reply.accept(done);
          }
        });
  }

  @Override
  public void test(TestJob job) {
    Cancellation cancel = new Cancellation();
    launched.put(cancel, job.line());
    pool.execute(
        () -> {
          Msg.TestsDone done = null;
          active.add(cancel);
          try {
            if (!closed) {
              done = TestWork.run(job, trees, tests, defaultTimeout, cancel, clock);
            }
          } finally {
            active.remove(cancel);
            launched.remove(cancel);
          }
          if (done != null && !closed) { // after a stop, the next daemon runs them again
            reply.accept(done);
          }
        });
  }

  /**
   * Parses the SQL of {@code deployed}, a version the daemon has just seen, on the workers, so that
   * its first Ripple finds the parse made (decision 57). Only queues: the reactor calls it.
   */
  void prepare(Deployed deployed) {
    prepared.add(deployed);
  }

  /** The workers' SQL runner (for tests). */
  SqlRippleRunner sqlRunner() {
    return sql;
  }

  /** Runs one Ripple; null when the daemon closed meanwhile (it is re-run after the next start). */
  private Msg.RippleDone run(RippleJob job, Cancellation cancel) {
    active.add(cancel);
    try {
      return closed ? null : execute(job, cancel);
    } finally {
      active.remove(cancel);
    }
  }

  private Msg.RippleDone execute(RippleJob job, Cancellation cancel) {
    Instant started = clock.instant();
    Path partial = job.output().resolveSibling(AtomicFiles.tempName(job.ripple()));
    try {
      Dirs.ensure(partial);
      Path project = trees.tree(job);
      RippleSpec spec =
          job.deployed().manifest().ripples().stream()
              .filter(r -> r.name().equals(job.ripple()))
              .findFirst()
              .orElseThrow(
                  () -> new DuckstringException("ripple '" + job.ripple() + "' is not declared"));
      Long rows = null;
      long bytes;
      Map<String, String> columns = null;
      Duration limit = spec.timeoutOr(defaultTimeout);
      if (spec.isSql()) {
        String text = Files.readString(project.resolve(spec.sql()));
        SqlRipple ripple =
            new SqlRipple(job.ripple(), text, job.sources(), job.own(), partial, limit);
        SqlRippleResult r =
            spec.onSpark() ? spark.run(job, ripple, cancel) : sql.run(ripple, cancel);
        rows = r.rows();
        bytes = r.bytes();
        columns = r.columns();
        String line = "sql " + spec.sql() + ": " + rows + " rows, " + bytes + " bytes\n";
        if (spec.onSpark()) {
          RippleLogs.append(job, "spark " + line); // after the driver's own output
        } else {
          RippleLogs.write(job, line);
        }
      } else {
        bytes = Commands.run(job, spec, project, partial, limit, cancel);
      }
      if (closed) {
        Trees.delete(partial);
        return null; // never commit output after shutdown: the next daemon re-runs this Ripple
      }
      // A small output is forced by its publish or commit (decision 62), a large one here.
      boolean forced = AtomicFiles.fsyncTreeIfLarger(partial, SMALL_OUTPUT_FILES);
      if (FileTests.exists(job.output())) {
        Trees.delete(job.output());
      }
      Dirs.ensure(job.output().getParent());
      AtomicFiles.move(partial, job.output());
      Instant ended = clock.instant();
      return new Msg.RippleDone(
          job.line(),
          job.ripple(),
          job.f(),
          job.output(),
          started,
          ended,
          rows,
          bytes,
          null,
          null,
          RunOutcome.SUCCESS,
          schemaOf(job, columns),
          forced);
    } catch (IOException | RuntimeException e) {
      try {
        // also when cancelled by a stop: a clean stop leaves no temporary behind
        Trees.delete(partial);
      } catch (IOException ignored) {
        // a leftover temporary is skipped by every scanner and swept at the next start
      }
      if (closed) {
        return null;
      }
      String error = e instanceof DuckstringException ? e.getMessage() : e.toString();
      RippleLogs.append(job, "error: " + error + "\n");
      return new Msg.RippleDone(
          job.line(),
          job.ripple(),
          job.f(),
          null,
          started,
          clock.instant(),
          null,
          null,
          oneLine(error),
          e instanceof PreviousOutputFailure p ? p.output() : null,
          e instanceof RippleFailure f ? f.outcome() : RunOutcome.FAILED,
          null,
          false);
    }
  }

  /**
   * The schema of {@code job}'s output as the contract check reads it: the {@code columns} its SQL
   * Ripple read (decision 63), else read here (decision 61); null when it cannot be read: the check
   * reads it again and fails with that error.
   */
  private static Map<String, Map<String, String>> schemaOf(
      RippleJob job, Map<String, String> columns) {
    try {
      return columns != null
          ? Map.of(job.ripple(), columns)
          : TableSchemas.describe(Map.of(job.ripple(), job.output()));
    } catch (DuckstringException e) {
      return null;
    }
  }

  private static String oneLine(String s) {
    return s == null ? "unknown error" : s.replaceAll("\\s*\\n\\s*", " ").strip();
  }

  @Override
  public void cancel(LineId line) {
    launched.forEach(
        (token, of) -> {
          if (of.equals(line)) {
            token.cancel(); // a command's group: TERM, then KILL after a grace
          }
        });
  }

  @Override
  public void runEnded(LineId line, Instant f) {
    trees.forget(line.toString(), RunRecords.runId(f));
  }

  @Override
  public void close() {
    closed = true;
    active.forEach(Cancellation::cancel);
    pool.shutdownNow();
    try {
      pool.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sql.close(); // the workers' shared DuckDB
    tests.close(); // the databases kept for data tests
  }
}
