package dev.duckstring.cli;

import dev.duckstring.model.Durations;
import java.time.Duration;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** {@code --wait} and {@code --timeout D} of the verbs that start a run (decision 38). */
final class WaitOptions {
  private final OptionSpec<Void> wait;
  private final OptionSpec<String> timeout;

  WaitOptions(OptionParser parser) {
    wait =
        parser.accepts(
            "wait",
            "follow the run this causes (and the Ponds it needs) until it ends: exit 0 on success"
                + " or pass, 1 on failure");
    timeout =
        parser
            .accepts("timeout", "with --wait: give up waiting after D (the run goes on), exit 1")
            .withRequiredArg()
            .describedAs("D");
  }

  /** True when the command was asked to wait; checks --timeout first (a usage error if bad). */
  boolean waiting(OptionSet options) {
    timeout(options);
    return options.has(wait);
  }

  /** The bound of the wait, or null for none; a bad or lone {@code --timeout} is a usage error. */
  Duration timeout(OptionSet options) {
    if (!options.has(timeout)) {
      return null;
    }
    if (!options.has(wait)) {
      throw new UsageException("--timeout needs --wait");
    }
    return bound(options.valueOf(timeout));
  }

  /** A {@code --timeout} value as a duration; a malformed one is a usage error (exit 2). */
  static Duration bound(String text) {
    String problem = Durations.problem(text);
    if (problem != null) {
      throw new UsageException("--timeout '" + text + "' " + problem);
    }
    return Durations.parse("--timeout", text);
  }
}
