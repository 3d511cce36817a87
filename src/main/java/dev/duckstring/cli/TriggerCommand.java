package dev.duckstring.cli;

import dev.duckstring.catchment.SignalStore;
import dev.duckstring.daemon.CronSchedules;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.manifest.SignalFile;
import dev.duckstring.manifest.SignalKind;
import dev.duckstring.manifest.TriggerFile;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Durations;
import dev.duckstring.model.Trigger;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * Standing triggers: {@code wave}, {@code tide} (cron or staleness bound), {@code stop} and {@code
 * trigger remove}. A trigger is the file {@code triggers/m<major>.toml}; at most one per line.
 */
final class TriggerCommand extends LineCommand {
  enum Verb {
    WAVE,
    TIDE,
    STOP,
    REMOVE
  }

  private final Verb verb;
  private final OptionSpec<Void> local;
  private final OptionSpec<Void> upstream;

  TriggerCommand(Verb verb) {
    this.verb = verb;
    this.local =
        verb == Verb.TIDE
            ? parser.accepts("local", "read the cron schedule in local time, not UTC")
            : null;
    this.upstream =
        verb == Verb.STOP
            ? parser.accepts(
                "upstream", "also withdraw the demand held by every line upstream of POND")
            : null;
  }

  @Override
  public String name() {
    return switch (verb) {
      case WAVE -> "wave";
      case TIDE -> "tide";
      case STOP -> "stop";
      case REMOVE -> "trigger remove";
    };
  }

  @Override
  public String summary() {
    return switch (verb) {
      case WAVE ->
          "Run POND continuously, as often as its slowest Ripple allows (a standing pull).";
      case TIDE ->
          "Run POND on a cron schedule (5 fields, UTC unless --local), or keep its data younger than a bound (4h).";
      case STOP ->
          "Withdraw POND's demand and standing trigger (--upstream: and its ancestors' demand); work already started drains.";
      case REMOVE -> "Remove POND's standing trigger (wave or tide); demand already held drains.";
    };
  }

  @Override
  public String usage() {
    return switch (verb) {
      case TIDE ->
          "duckstring tide CATCHMENT POND (MIN HOUR DAY MONTH WEEKDAY | DURATION) [--local] [--version V]";
      case STOP -> "duckstring stop CATCHMENT POND [--upstream] [--version V]";
      default -> "duckstring " + name() + " CATCHMENT POND [--version V]";
    };
  }

  @Override
  int extraMin() {
    return verb == Verb.TIDE ? 1 : 0;
  }

  @Override
  int extraMax() {
    // Any count for a tide: a schedule the shell expanded into file names is named by tide().
    return verb == Verb.TIDE ? Integer.MAX_VALUE - 2 : 0;
  }

  @Override
  String negative(String arg) {
    return verb == Verb.TIDE ? mustBePositive(arg) : null;
  }

  private static String mustBePositive(String bound) {
    return "the tide bound must be positive, not '"
        + bound
        + "' (e.g. 4h: keep the data younger than 4 hours)";
  }

  @Override
  String extraWhat() {
    return verb == Verb.TIDE ? "CATCHMENT POND and a cron schedule or duration" : "CATCHMENT POND";
  }

  @Override
  int execute(Target t, OptionSet options, List<String> extra, Env env) throws Exception {
    Path file = t.layout().trigger(t.line());
    switch (verb) {
      case WAVE -> {
        AtomicFiles.writeString(file, TriggerFile.toml(new Trigger.Wave()));
        env.out()
            .println("wave set on " + t.line() + " (" + t.layout().root().relativize(file) + ")");
      }
      case TIDE -> {
        Trigger tide = tide(extra, options.has(local), env.cwd());
        AtomicFiles.writeString(file, TriggerFile.toml(tide));
        env.out().println("tide set on " + t.line() + ": " + tide.meaning());
      }
      case STOP -> {
        boolean had = Files.deleteIfExists(file);
        boolean up = options.has(upstream);
        new SignalStore(t.layout())
            .drop(
                t.pond(),
                up ? SignalKind.STOP_UPSTREAM : SignalKind.STOP,
                SignalFile.body(t.version()),
                env.clock().instant());
        env.out()
            .println(
                "stop sent to "
                    + t.line()
                    + (up ? " and every line upstream of it" : "")
                    + (had ? " (standing trigger removed)" : ""));
      }
      case REMOVE -> {
        if (!Files.deleteIfExists(file)) {
          throw new DuckstringException(t.line() + " has no standing trigger");
        }
        env.out().println("standing trigger of " + t.line() + " removed");
      }
    }
    return 0;
  }

  /** The tide the words ask for; words the shell made of a '*' (names here) are named as such. */
  private static Trigger tide(List<String> words, boolean local, Path cwd) {
    try {
      return tide(words, local);
    } catch (DuckstringException | UsageException e) {
      List<String> files = words.stream().filter(w -> isEntry(cwd, w)).distinct().sorted().toList();
      if (files.isEmpty()) {
        throw e;
      }
      throw new DuckstringException(
          "the shell expanded a '*' of the schedule into the file names here ("
              + String.join(", ", files)
              + "); quote the schedule, e.g. duckstring tide CATCHMENT POND '*/5 * * * *'");
    }
  }

  private static boolean isEntry(Path dir, String word) {
    try {
      return !word.isEmpty() && Files.exists(dir.resolve(word), LinkOption.NOFOLLOW_LINKS);
    } catch (InvalidPathException e) {
      return false;
    }
  }

  private static Trigger tide(List<String> words, boolean local) {
    List<String> extra =
        words.size() == 1 && words.get(0).strip().contains(" ")
            ? List.of(words.get(0).strip().split("\\s+")) // a quoted schedule: "15 2 * * *"
            : words;
    if (extra.size() == 1) {
      if (local) {
        throw new UsageException("--local applies to a cron schedule, not to a duration");
      }
      if (extra.get(0).startsWith("-")) {
        throw new DuckstringException(mustBePositive(extra.get(0)));
      }
      return new Trigger.Tide(Durations.parse("tide bound", extra.get(0)));
    }
    if (extra.size() != 5) {
      throw new UsageException(
          "a tide takes a cron schedule of 5 fields (e.g. 15 2 * * *) or one duration (e.g. 4h); got "
              + extra.size()
              + " words; quote the schedule if your shell expanded a '*'");
    }
    String cron = String.join(" ", extra);
    CronSchedules.validate(cron);
    return new Trigger.Cron(cron, local);
  }
}
