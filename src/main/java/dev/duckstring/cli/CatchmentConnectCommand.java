package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.http.ClientKey;
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
  private final OptionSpec<String> keyFile =
      parser
          .accepts(
              "key-file",
              "a file holding the key the view requires (URLs only); only its path is stored")
          .withRequiredArg()
          .describedAs("FILE");

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
    return "duckstring catchment connect --name NAME --path PATH|URL [--key-file FILE]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 0, 0, "no arguments");
    String n = Names.check("catchment", options.valueOf(name));
    String p = options.valueOf(path);
    Registrations regs = Registrations.load(env.registrations());
    boolean url = p.startsWith("http://") || p.startsWith("https://");
    if (options.has(keyFile) && !url) {
      throw new UsageException(
          "--key-file is for a view registered by URL (http:// or https://); a root by path needs"
              + " no key");
    }
    if (url) {
      String key = null;
      if (options.has(keyFile)) {
        Path f = env.resolve(options.valueOf(keyFile)).toAbsolutePath();
        ClientKey.read(f); // a missing, open or malformed file is refused before anything is saved
        key = f.toString();
      }
      regs.put(new Registrations.Entry(n, p.replaceAll("/+$", ""), null, key));
      env.out()
          .println(
              "registered catchment '"
                  + n
                  + "' at "
                  + p
                  + " (read-only: status, get, query)"
                  + (key == null ? "" : "; its key is read from " + key));
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
