package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.SignalStore;
import dev.duckstring.manifest.SignalFile;
import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * A command on one Pond line: {@code CATCHMENT POND [--version V]}, where V is a major ({@code 1})
 * or the exact version that line runs ({@code 1.2.0}). Only file drops: never loads DuckDB. When no
 * live daemon serves the root, a verb that succeeded says that its file waits for the next start.
 */
abstract class LineCommand extends BaseCommand {
  final OptionSpec<String> version =
      parser
          .accepts(
              "version",
              "the major line (1) or the exact version it runs (1.2.0); default: highest")
          .withRequiredArg()
          .describedAs("V");

  /** The target of a line command, resolved and checked against what is deployed. */
  record Target(
      CatchmentLayout layout, String pond, LineId line, String version, String catchment) {}

  /** Drops a {@code kind} signal for the target line and says so; returns the exit code, 0. */
  static int dropSignal(Target t, SignalKind kind, Env env) {
    drop(t, kind, env);
    return 0;
  }

  /** Drops a {@code kind} signal for the target line and says so; returns the file dropped. */
  static Path drop(Target t, SignalKind kind, Env env) {
    Path file =
        new SignalStore(t.layout())
            .drop(t.pond(), kind, SignalFile.body(t.version()), env.clock().instant());
    env.out()
        .println(
            kind.label()
                + " sent to "
                + t.line()
                + " ("
                + t.layout().root().relativize(file)
                + ")");
    return file;
  }

  /** The positional words after POND, for commands that take more. */
  int extraMin() {
    return 0;
  }

  int extraMax() {
    return 0;
  }

  String extraWhat() {
    return "CATCHMENT POND";
  }

  @Override
  final int execute(OptionSet options, List<String> args, Env env) throws Exception {
    expect(args, 2 + extraMin(), 2 + extraMax(), extraWhat());
    CatchmentLayout layout = Catchments.writable(env, args.get(0), name());
    String v = options.valueOf(version);
    int code =
        execute(
            resolve(layout, args.get(1), v, args.get(0)),
            options,
            args.subList(2, args.size()),
            env);
    if (code == 0) {
      // Every line verb leaves a file for the daemon: with none alive, it waits for the next start.
      DaemonNotes.afterDrop(env, args.get(0), layout);
    }
    return code;
  }

  abstract int execute(Target target, OptionSet options, List<String> extra, Env env)
      throws Exception;

  /** Resolves POND and --version against the deployed versions (no catchment name to show). */
  static Target resolve(CatchmentLayout layout, String pond, String v) {
    return resolve(layout, pond, v, layout.root().toString());
  }

  /** Resolves POND and --version against the deployed versions of CATCHMENT. */
  static Target resolve(CatchmentLayout layout, String pond, String v, String catchment) {
    return new Target(layout, pond, new Deployments(layout).line(pond, v), v, catchment);
  }
}
