package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.deploy.DeployPlan;
import dev.duckstring.deploy.DeployResult;
import dev.duckstring.deploy.Deployer;
import dev.duckstring.deploy.YankedVersion;
import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.runner.DataTestRunner;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** {@code deploy}: validate this project's pond.toml and install that version into a Catchment. */
final class DeployCommand extends BaseCommand {
  private final OptionSpec<String> git =
      parser
          .accepts(
              "git",
              "deploy a git ref (branch, tag or commit) of this project's remote; the"
                  + " Catchment fetches and runs that ref at each execution")
          .withRequiredArg()
          .describedAs("REF");
  private final OptionSpec<Void> force =
      parser.accepts("force", "replace an already deployed version whose content differs");
  private final OptionSpec<Void> plan =
      parser.accepts(
          "plan",
          "print what the deploy would do (line, Source pins, Sinks, schema) and change nothing;"
              + " exit 1 when it would be refused");
  private final OptionSpec<Void> json = parser.accepts("json", "with --plan: print JSON");
  private final OptionSpec<String> project =
      parser
          .accepts("project", "the Pond project directory (default: the current directory)")
          .withRequiredArg()
          .describedAs("DIR");

  @Override
  public String name() {
    return "deploy";
  }

  @Override
  public String summary() {
    return "Validate pond.toml and install its version into CATCHMENT; the daemon picks it up without a restart.";
  }

  @Override
  public String usage() {
    return "duckstring deploy CATCHMENT [--git REF] [--force] [--project DIR] [--plan [--json]]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 1, 1, "CATCHMENT");
    if (options.has(json) && !options.has(plan)) {
      throw new UsageException("--json needs --plan");
    }
    CatchmentLayout layout = Catchments.writable(env, args.get(0), name());
    Path dir = options.has(project) ? env.resolve(options.valueOf(project)) : env.cwd();
    Deployer deployer =
        new Deployer(layout, env.clock(), (m, tree) -> DataTestRunner.checkFiles(m.tests(), tree));
    if (options.has(plan)) {
      return plan(options, env, deployer, dir, args.get(0));
    }
    DeployResult r;
    try {
      r =
          options.has(git)
              ? deployer.deployGit(dir, options.valueOf(git), options.has(force))
              : deployer.deploy(dir, options.has(force));
    } catch (YankedVersion e) {
      throw new DuckstringException(e.sentence(args.get(0)), e);
    }
    r.warnings().forEach(env.err()::println);
    env.out().println(r.message() + " (catchment '" + args.get(0) + "')");
    return 0;
  }

  /** {@code --plan}: prints the plan; 0 when the deploy would go through, 1 when refused. */
  private int plan(OptionSet options, Env env, Deployer deployer, Path dir, String catchment) {
    boolean forced = options.has(force);
    DeployPlan p =
        options.has(git)
            ? deployer.planGit(dir, options.valueOf(git), forced)
            : deployer.plan(dir, forced);
    PlanSchema schema = PlanSchema.of(p);
    if (options.has(json)) {
      env.out().println(Json.write(DeployPlanText.json(p, schema, forced)));
    } else {
      DeployPlanText.lines(p, schema, catchment, forced).forEach(env.out()::println);
    }
    return p.accepted() ? Cli.OK : Cli.FAILURE;
  }
}
