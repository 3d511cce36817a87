package dev.duckstring.cli;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.manifest.Registrations;
import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.Names;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.Suggest;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code wait}: follows the run that a signal file dropped by hand, cron or another machine caused,
 * like {@code pulse --wait} does for its own; on a local root or over an {@code http://}
 * registration, whose view is read-only and so cannot take the signal itself (decision 38).
 */
final class WaitCommand extends BaseCommand {
  private final OptionSpec<String> version =
      parser
          .accepts("version", "the major line (1) or a version of it (1.2.0); default: highest")
          .withRequiredArg()
          .describedAs("V");
  private final OptionSpec<String> timeout =
      parser
          .accepts("timeout", "give up waiting after D (the run goes on), exit 1")
          .withRequiredArg()
          .describedAs("D");

  @Override
  public String name() {
    return "wait";
  }

  @Override
  public String summary() {
    return "Follow the run a signal file dropped for POND caused (by name), until it ends.";
  }

  @Override
  public String usage() {
    return "duckstring wait CATCHMENT POND SIGNAL [--version V] [--timeout D]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) throws Exception {
    expect(args, 3, 3, "CATCHMENT POND SIGNAL");
    String catchment = args.get(0);
    String pond = args.get(1);
    String signal = args.get(2);
    Names.check("pond", pond);
    SignalKind kind =
        SignalKind.ofFileName(signal)
            .orElseThrow(
                () ->
                    new UsageException(
                        "SIGNAL '"
                            + signal
                            + "' is not a signal file name: it starts with one of "
                            + SignalKind.labels()));
    if (signal.contains("/") || signal.startsWith(".")) {
      throw new UsageException("SIGNAL is the file's name in ponds/" + pond + "/signals/, no path");
    }
    Duration bound = options.has(timeout) ? WaitOptions.bound(options.valueOf(timeout)) : null;
    // A pulse, tap or demand runs the lines upstream first; the re-running verbs run one line.
    boolean upstream =
        kind == SignalKind.PULSE || kind == SignalKind.TAP || kind == SignalKind.DEMAND;
    Registrations.Entry e = Catchments.entry(env, catchment);
    if (!e.isRemote()) {
      LineCommand.Target t =
          LineCommand.resolve(Catchments.local(e), pond, options.valueOf(version), catchment);
      return RunWaiter.follow(
          env, RunWaiter.local(t), t.line(), signal, upstream, bound, catchment);
    }
    LineId line = remoteLine(ReadSide.status(env, catchment), pond, options.valueOf(version));
    return RunWaiter.follow(
        env,
        RunWaiter.remote(ReadSide.remote(e), e.path()),
        line,
        signal,
        upstream,
        bound,
        catchment);
  }

  /** POND's line among a remote Catchment's status records: the major of V, else the highest. */
  static LineId remoteLine(List<LineStatus> lines, String pond, String v) {
    List<LineId> ids =
        lines.stream()
            .map(s -> LineId.parse(s.line()))
            .filter(l -> l.pond().equals(pond))
            .sorted(Comparator.comparingInt(LineId::major))
            .toList();
    if (ids.isEmpty()) {
      throw new DuckstringException(
          "no Pond '"
              + pond
              + "' is deployed"
              + Suggest.hint(pond, lines.stream().map(LineStatus::pond).distinct().toList()));
    }
    if (v == null) {
      return ids.get(ids.size() - 1);
    }
    int major = v.matches("\\d+") ? Integer.parseInt(v) : PondVersion.parse(v).major();
    return ids.stream()
        .filter(l -> l.major() == major)
        .findFirst()
        .orElseThrow(
            () -> new DuckstringException("no line " + pond + "@" + major + " is deployed"));
  }
}
