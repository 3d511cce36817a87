package dev.duckstring.daemon;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Durations;
import dev.duckstring.model.TestResult;
import dev.duckstring.runner.Cancellation;
import dev.duckstring.runner.DataTestRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The data tests of one run on a worker thread (decision 49): all of them under one time limit (the
 * Catchment's {@code default_timeout}), stopped like a Ripple by a kill; never throws.
 */
final class TestWork {
  private TestWork() {}

  /**
   * Runs {@code job}'s tests from {@code project} and says how they ended; {@code limit} null: no
   * limit.
   */
  static Msg.TestsDone run(
      TestJob job,
      SourceTrees trees,
      DataTestRunner runner,
      Duration limit,
      Cancellation cancel,
      Clock clock) {
    Instant started = clock.instant();
    AtomicBoolean timedOut = new AtomicBoolean();
    CompletableFuture<Void> timer =
        limit == null
            ? null
            : CompletableFuture.runAsync(
                () -> {
                  timedOut.set(true);
                  cancel.cancel();
                },
                CompletableFuture.delayedExecutor(limit.toMillis(), TimeUnit.MILLISECONDS));
    try {
      Path project = trees.tree(job.line(), job.f(), job.deployed());
      List<TestResult> results = runner.run(job.tests(), project, job.own(), job.sources(), cancel);
      if (cancel.isCancelled()) {
        return new Msg.TestsDone(
            job.line(), job.f(), List.of(), started, clock.instant(), stopped(timedOut, limit));
      }
      return new Msg.TestsDone(job.line(), job.f(), results, started, clock.instant(), null);
    } catch (RuntimeException e) {
      String error =
          cancel.isCancelled()
              ? stopped(timedOut, limit)
              : "data tests could not run: "
                  + (e instanceof DuckstringException ? e.getMessage() : e.toString());
      return new Msg.TestsDone(job.line(), job.f(), List.of(), started, clock.instant(), error);
    } finally {
      if (timer != null) {
        timer.cancel(false);
      }
    }
  }

  private static String stopped(AtomicBoolean timedOut, Duration limit) {
    return timedOut.get()
        ? "data tests timed out after " + Durations.compact(limit)
        : "data tests cancelled";
  }
}
