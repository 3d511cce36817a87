package dev.duckstring.daemon;

import dev.duckstring.catchment.RippleProcesses;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.runner.Cancellation;
import dev.duckstring.runner.CommandRipple;
import dev.duckstring.runner.CommandRippleRunner;
import dev.duckstring.runner.ProcessGroup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Runs a command Ripple through the runner, with its parents' outputs as inputs, recording its
 * process group in {@code runs/<run>/<ripple>.pid} while it runs (see {@link Orphans}).
 */
final class Commands {
  private static final CommandRippleRunner RUNNER = new CommandRippleRunner();
  private static final String HOST = RippleProcesses.host();
  private static final String BOOT = ProcessGroup.bootId();

  private Commands() {}

  /** Runs the command, stopped after {@code limit} (null: no limit); returns the bytes it wrote. */
  static long run(
      RippleJob job, RippleSpec spec, Path project, Path out, Duration limit, Cancellation cancel) {
    // The log lives in the run directory; the group's file goes beside it.
    Path pidFile = RippleProcesses.file(job.log().toAbsolutePath().getParent(), job.ripple());
    try {
      return RUNNER
          .run(
              CommandRipple.of(
                  job.line().pond(),
                  spec,
                  project,
                  job.f(),
                  job.sources(),
                  job.own(),
                  out,
                  job.log(),
                  limit),
              cancel,
              recording(job, pidFile))
          .bytes();
    } finally {
      RippleProcesses.delete(pidFile); // the runner returns only once the group is stopped
    }
  }

  /**
   * Writes the started group of {@code job}'s child process (a command, a Spark driver) to {@code
   * pidFile}, so that {@link Orphans} stops it if this daemon dies first.
   */
  static Consumer<ProcessGroup> recording(RippleJob job, Path pidFile) {
    return group ->
        RippleProcesses.write(
            pidFile,
            new RippleProcesses.Entry(
                job.line().toString(),
                RunRecords.runId(job.f()),
                job.ripple(),
                HOST,
                BOOT,
                group.pgid(),
                group.startTicks()));
  }
}
