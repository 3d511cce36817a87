package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.manifest.CatchmentConfig;
import dev.duckstring.manifest.Registrations;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** {@code catchment connect}: register an existing root by path (e.g. an NFS mount) or URL. */
final class CatchmentConnectCommand extends BaseCommand {
  private final OptionSpec<String> name =
      parser
          .accepts("name", "the name to register it under")
          .withRequiredArg()
          .required()
          .describedAs("NAME");
  private final OptionSpec<String> path =
      parser
          .accepts("path", "the Catchment's root directory, or http(s)://host:port of its view")
          .withRequiredArg()
          .required()
          .describedAs("PATH|URL");

  @Override
  public String name() {
    return "catchment connect";
  }

  @Override
  public String summary() {
    return "Register an existing Catchment: a root by path (full access) or an HTTP view (read-only).";
  }

  @Override
  public String usage() {
    return "duckstring catchment connect --name NAME --path PATH|URL";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 0, 0, "no arguments");
    String n = Names.check("catchment", options.valueOf(name));
    String p = options.valueOf(path);
    Registrations regs = Registrations.load(env.registrations());
    if (p.startsWith("http://") || p.startsWith("https://")) {
      regs.put(n, p.replaceAll("/+$", ""), null);
      env.out()
          .println("registered catchment '" + n + "' at " + p + " (read-only: status, get, query)");
      return 0;
    }
    Path dir = env.resolve(p);
    CatchmentLayout layout = new CatchmentLayout(dir);
    if (!Files.isRegularFile(layout.config())) {
      throw new DuckstringException(dir + " is not a Catchment root (no catchment.toml)");
    }
    CatchmentConfig config = CatchmentConfig.read(layout.config());
    regs.put(n, dir.toString(), config.port());
    env.out().println("registered catchment '" + n + "' at " + dir);
    return 0;
  }
}
