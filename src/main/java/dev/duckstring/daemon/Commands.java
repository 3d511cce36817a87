package dev.duckstring.daemon;

import dev.duckstring.model.RippleSpec;
import dev.duckstring.runner.Cancellation;
import dev.duckstring.runner.CommandRipple;
import dev.duckstring.runner.CommandRippleRunner;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Runs a command Ripple through the runner, with its parents' outputs as inputs. */
final class Commands {
  private static final CommandRippleRunner RUNNER = new CommandRippleRunner();

  private Commands() {}

  /** Runs the command; returns the bytes it wrote. */
  static long run(RippleJob job, RippleSpec spec, Path project, Path out, Cancellation cancel) {
    Map<String, Path> inputs = new LinkedHashMap<>();
    job.own().forEach(
        (ripple, dir) -> {
          if (spec.parents() == null || spec.parents().contains(ripple)) {
            inputs.put(ripple, dir);
          }
        });
    return RUNNER
        .run(
            new CommandRipple(
                job.line().pond(),
                job.ripple(),
                spec.command(),
                project,
                job.f(),
                job.sources(),
                inputs,
                out,
                job.log(),
                null),
            cancel)
        .bytes();
  }
}
