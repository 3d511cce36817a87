package dev.duckstring.cli;

import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.model.Durations;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.Suggest;
import dev.duckstring.runner.LocalRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code pond run}: runs the project's Ripples over {@code ./puddles/} with the daemon's runners,
 * no Catchment and no daemon, into {@code ./puddles/out/<ripple>/} (decision 50).
 */
final class PondRunCommand extends BaseCommand {
  private final OptionSpec<String> ripple =
      parser
          .accepts("ripple", "run only Ripple R and the Ripples of this Pond it needs")
          .withRequiredArg()
          .describedAs("R");
  private final OptionSpec<String> project =
      parser
          .accepts("project", "the Pond project directory (default: the current directory)")
          .withRequiredArg()
          .describedAs("DIR");

  @Override
  public String name() {
    return "pond run";
  }

  @Override
  public String summary() {
    return "Run this Pond's Ripples locally over ./puddles/ (see 'pond hydrate'); outputs go to ./puddles/out/.";
  }

  @Override
  public String usage() {
    return "duckstring pond run [--ripple R] [--project DIR]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 0, 0, "no argument");
    Path dir;
    PondManifest manifest;
    String wanted = options.valueOf(ripple);
    try {
      dir = PondProject.dir(env, options.valueOf(project));
      manifest = ManifestReader.read(dir);
      List<String> names = manifest.ripples().stream().map(RippleSpec::name).toList();
      if (wanted != null && !names.contains(wanted)) {
        throw new PondProject.BadArgument(
            "unknown ripple '"
                + wanted
                + "'"
                + Suggest.hint(wanted, names)
                + "; "
                + manifest.name()
                + " has: "
                + String.join(", ", names));
      }
    } catch (PondProject.BadArgument e) {
      env.err().println("duckstring " + name() + ": " + e.getMessage());
      return Cli.USAGE;
    }
    LocalRun run = new LocalRun(dir, manifest);
    Map<String, Path> sources = run.sources(env.err()::println);
    List<List<String>> rows = new ArrayList<>();
    try {
      run.run(wanted, env.clock().instant(), sources, r -> rows.add(row(r)));
    } catch (LocalRun.Failed e) {
      table(env, rows);
      env.err().println("duckstring " + name() + ": " + e.getMessage());
      return Cli.FAILURE;
    }
    table(env, rows);
    return Cli.OK;
  }

  private static List<String> row(LocalRun.Ran r) {
    return List.of(
        r.ripple(),
        r.kind(),
        r.rows() == null ? "-" : Long.toString(r.rows()),
        Durations.human(r.took()));
  }

  private static void table(Env env, List<List<String>> rows) {
    if (!rows.isEmpty()) {
      TextTable.print(env.out(), List.of("RIPPLE", "KIND", "ROWS", "DURATION"), rows);
    }
  }
}
