package dev.duckstring.daemon;

import dev.duckstring.catchment.RippleProcesses;
import dev.duckstring.model.SparkSettings;
import dev.duckstring.runner.Cancellation;
import dev.duckstring.runner.RippleFailure;
import dev.duckstring.runner.SparkLibs;
import dev.duckstring.runner.SparkRippleRunner;
import dev.duckstring.runner.SqlRipple;
import dev.duckstring.runner.SqlRippleResult;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a Spark Ripple's driver (decision 56) as {@link Commands} runs a command: its process group
 * recorded in {@code runs/<run>/<ripple>.pid} while it runs, so that {@link Orphans} stops a driver
 * a crashed daemon left behind.
 */
final class SparkRipples {
  private static final long LOCK_POLL_MS = 100;

  /**
   * With {@code remote}, one run at a time: the driver names each Source's tables in the Connect
   * server's shared catalog ({@code source.table}), so two runs at once could swap each other's
   * generations (decision 56).
   */
  private final ReentrantLock connectRuns = new ReentrantLock(true);

  private final SparkSettings settings;
  private final SparkRippleRunner runner;

  /** Runs Spark Ripples where {@code settings} say (null: the Catchment has no [spark]). */
  SparkRipples(SparkSettings settings, Path root) {
    this.settings = settings;
    this.runner = new SparkRippleRunner(SparkLibs.located(), root);
  }

  /** Runs {@code ripple} for {@code job}; the driver's output goes to the job's log. */
  SqlRippleResult run(RippleJob job, SqlRipple ripple, Cancellation cancel) {
    if (settings == null) {
      throw new RippleFailure(
          job.ripple(), "a Spark Ripple needs [spark] master or remote in catchment.toml");
    }
    if (!settings.connect()) {
      return drive(job, ripple, cancel); // a driver per run, each with its own catalog
    }
    try {
      while (!connectRuns.tryLock(LOCK_POLL_MS, TimeUnit.MILLISECONDS)) {
        if (cancel.isCancelled()) {
          throw new RippleFailure(job.ripple(), "cancelled");
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RippleFailure(job.ripple(), "interrupted", e);
    }
    try {
      return drive(job, ripple, cancel);
    } finally {
      connectRuns.unlock();
    }
  }

  private SqlRippleResult drive(RippleJob job, SqlRipple ripple, Cancellation cancel) {
    Path pidFile = RippleProcesses.file(job.log().toAbsolutePath().getParent(), job.ripple());
    try {
      return runner.run(ripple, settings, job.log(), cancel, Commands.recording(job, pidFile));
    } finally {
      RippleProcesses.delete(pidFile); // the runner returns only once the group is stopped
    }
  }
}
