package dev.duckstring.cli;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionSet;

/** {@code pond init NAME}: scaffold a Pond project in the current directory. */
final class PondInitCommand extends BaseCommand {
  @Override
  public String name() {
    return "pond init";
  }

  @Override
  public String summary() {
    return "Scaffold a Pond project here: pond.toml (version 0.1.0), src/ with one SQL Ripple, tests/ with"
        + " one data test, README.md (with 'Develop locally'), .gitignore (ponds/, puddles/).";
  }

  @Override
  public String usage() {
    return "duckstring pond init NAME";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) throws IOException {
    expect(args, 1, 1, "NAME");
    String name = Names.check("pond", args.get(0));
    Path dir = env.cwd();
    if (Files.exists(dir.resolve(ManifestReader.FILE))) {
      throw new DuckstringException(
          dir.resolve(ManifestReader.FILE) + " already exists; not overwriting it");
    }
    for (var e : PondScaffold.files(name).entrySet()) {
      Path file = dir.resolve(e.getKey());
      if (!Files.exists(file)) {
        AtomicFiles.writeString(file, e.getValue());
      } else if (e.getKey().equals(".gitignore")) {
        String appended = PondScaffold.withPuddles(Files.readString(file));
        if (appended != null) {
          AtomicFiles.writeString(file, appended);
        }
      }
    }
    env.out().println("created pond '" + name + "' (0.1.0) in " + dir);
    return 0;
  }
}
