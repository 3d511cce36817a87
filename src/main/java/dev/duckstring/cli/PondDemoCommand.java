package dev.duckstring.cli;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Suggest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionSet;

/** {@code pond demo inlet|pond|outlet}: write one of the three demo Ponds into this directory. */
final class PondDemoCommand extends BaseCommand {
  static final List<String> DEMOS = List.of("inlet", "pond", "outlet");

  @Override
  public String name() {
    return "pond demo";
  }

  @Override
  public String summary() {
    return "Write a demo Pond here; the three (inlet -> pond -> outlet) form a chain over shop orders.";
  }

  @Override
  public String usage() {
    return "duckstring pond demo inlet|pond|outlet";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) throws IOException {
    expect(args, 1, 1, "which demo: inlet, pond or outlet");
    String demo = args.get(0);
    if (!DEMOS.contains(demo)) {
      throw new UsageException(
          "unknown demo '"
              + demo
              + "'"
              + Suggest.hint(demo, DEMOS)
              + " (choose inlet, pond or outlet)");
    }
    Path dir = env.cwd();
    if (Files.exists(dir.resolve(ManifestReader.FILE))) {
      throw new DuckstringException(
          dir.resolve(ManifestReader.FILE) + " already exists; run this in an empty directory");
    }
    int n = 0;
    for (String file : files(demo)) {
      try (InputStream in = resource("/demos/" + demo + "/" + file)) {
        Path dest = dir.resolve(file);
        AtomicFiles.write(dest, in.readAllBytes());
        if (file.endsWith(".sh")) {
          dest.toFile().setExecutable(true);
        }
        n++;
      }
    }
    env.out()
        .println(
            "wrote demo pond '"
                + demo
                + "' ("
                + n
                + " files) to "
                + dir
                + "; deploy it with 'duckstring deploy CATCHMENT'");
    return 0;
  }

  /** The files of one demo, from the index shipped with them. */
  static List<String> files(String demo) throws IOException {
    try (InputStream in = resource("/demos/MANIFEST.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> l.startsWith(demo + "/"))
          .map(l -> l.substring(demo.length() + 1))
          .toList();
    }
  }

  private static InputStream resource(String name) {
    InputStream in = PondDemoCommand.class.getResourceAsStream(name);
    if (in == null) {
      throw new DuckstringException("missing resource " + name + " (broken build?)");
    }
    return in;
  }
}
