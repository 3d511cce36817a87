package dev.duckstring.cli;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import joptsimple.OptionSet;

/** {@code pond init NAME}: scaffold a Pond project in the current directory. */
final class PondInitCommand extends BaseCommand {
  @Override
  public String name() {
    return "pond init";
  }

  @Override
  public String summary() {
    return "Scaffold a Pond project here: pond.toml (version 0.1.0), src/ with one SQL Ripple, README.md, .gitignore.";
  }

  @Override
  public String usage() {
    return "duckstring pond init NAME";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 1, 1, "NAME");
    String name = Names.check("pond", args.get(0));
    Path dir = env.cwd();
    if (Files.exists(dir.resolve(ManifestReader.FILE))) {
      throw new DuckstringException(
          dir.resolve(ManifestReader.FILE) + " already exists; not overwriting it");
    }
    Map<String, String> files =
        Map.of(
            "pond.toml",
            "[pond]\nname = \""
                + name
                + "\"\nversion = \"0.1.0\"\ntype = \"pond\"\n\n"
                + "# Upstream Ponds this one reads, as name = \"min version\" (\"1.0.0?\" = optional):\n"
                + "[sources]\n",
            "src/example.sql",
            "-- A SQL Ripple: its SELECT becomes the table 'example'.\n"
                + "-- Read a Source's table as source.table, and this Pond's own tables by bare name.\n"
                + "SELECT 1 AS id, 'hello from "
                + name
                + "' AS greeting\n",
            "README.md",
            "# "
                + name
                + "\n\nA Duckstring Pond. Each `src/*.sql` is a Ripple producing one table.\n"
                + "Deploy with `duckstring deploy CATCHMENT`, run with `duckstring pulse CATCHMENT "
                + name
                + "`.\n",
            ".gitignore",
            "# outputs of 'duckstring get' and 'duckstring query'\nponds/\n");
    for (var e : files.entrySet()) {
      if (!Files.exists(dir.resolve(e.getKey()))) {
        AtomicFiles.writeString(dir.resolve(e.getKey()), e.getValue());
      }
    }
    env.out().println("created pond '" + name + "' (0.1.0) in " + dir);
    return 0;
  }
}
