package dev.duckstring.cli;

import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.SourcePin;
import dev.duckstring.runner.DuckDbOptions;
import dev.duckstring.runner.LocalRun;
import dev.duckstring.runner.Puddles;
import dev.duckstring.runner.Sampling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code pond hydrate CATCHMENT}: copies the published data of each Source the project pins (and of
 * the project's own Pond, for a self-read) into {@code ./puddles/<pond>/} (decision 50).
 */
final class PondHydrateCommand extends BaseCommand {
  private final OptionSpec<String> rows =
      parser
          .accepts("rows", "copy only the first N rows of each table")
          .withRequiredArg()
          .describedAs("N");
  private final OptionSpec<String> sample =
      parser
          .accepts("sample", "copy a random sample of about P% of each table's rows (e.g. 1%)")
          .withRequiredArg()
          .describedAs("P%");
  private final OptionSpec<String> version =
      parser
          .accepts(
              "version",
              "take the Source pins of version V of this Pond as deployed in CATCHMENT"
                  + " (default: this project's pond.toml)")
          .withRequiredArg()
          .describedAs("V");
  private final OptionSpec<String> project =
      parser
          .accepts("project", "the Pond project directory (default: the current directory)")
          .withRequiredArg()
          .describedAs("DIR");

  @Override
  public String name() {
    return "pond hydrate";
  }

  @Override
  public String summary() {
    return "Copy the published data of this Pond's Sources (and its own) from CATCHMENT into ./puddles/ for 'pond run'.";
  }

  @Override
  public String usage() {
    return "duckstring pond hydrate CATCHMENT [--rows N | --sample P%] [--version V] [--project DIR]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 1, 1, "CATCHMENT");
    Sampling sampling;
    Path dir;
    PondVersion pinned = null;
    try {
      sampling = sampling(options.valueOf(rows), options.valueOf(sample));
      dir = PondProject.dir(env, options.valueOf(project));
      if (options.has(version)) {
        String v = options.valueOf(version);
        if (!PondVersion.isValid(v)) {
          throw new PondProject.BadArgument(
              "--version must be a version such as 1.2.0, got '" + v + "'");
        }
        pinned = PondVersion.parse(v);
      }
    } catch (PondProject.BadArgument e) {
      env.err().println("duckstring " + name() + ": " + e.getMessage());
      return Cli.USAGE;
    }
    PondManifest manifest = ManifestReader.read(dir);
    PuddleSide side = PuddleSide.of(env, args.get(0));
    List<SourcePin> pins = pinned == null ? manifest.sources() : side.pins(manifest.name(), pinned);
    int major = pinned == null ? manifest.version().major() : pinned.major();
    // Every check before the first write: a refused hydrate changes nothing.
    Map<String, LineId> lines = new LinkedHashMap<>();
    for (SourcePin pin : pins) {
      if (pin.pond().equals(LocalRun.OUT)) {
        throw new DuckstringException(
            "source '" + LocalRun.OUT + "' cannot be hydrated: ./puddles/out holds local runs");
      }
      PuddleSide.Found found = side.find(pin.line());
      if (found == PuddleSide.Found.PUBLISHED) {
        lines.put(pin.pond(), pin.line());
      } else if (pin.optional()) {
        env.err()
            .println(
                "note: optional source "
                    + pin.line()
                    + (found == PuddleSide.Found.MISSING
                        ? " is not deployed"
                        : " has published nothing")
                    + "; skipped");
      } else if (found == PuddleSide.Found.MISSING) {
        throw new DuckstringException(
            "required source "
                + pin.line()
                + " is not deployed in catchment '"
                + args.get(0)
                + "'");
      } else {
        throw new DuckstringException(side.nothingPublished(pin.line()));
      }
    }
    LineId own = new LineId(manifest.name(), major);
    if (side.find(own) == PuddleSide.Found.PUBLISHED && !own.pond().equals(LocalRun.OUT)) {
      lines.put(own.pond(), own); // for a self-reading Ripple: its previous output
    }
    Path puddles = PondProject.puddles(dir);
    DuckDbOptions duck = DuckDbOptions.defaults().withTempDirectory(puddles.resolve(".tmp-duckdb"));
    try {
      Files.createDirectories(puddles);
    } catch (IOException e) {
      throw new DuckstringException("cannot create " + puddles + ": " + e.getMessage(), e);
    }
    for (Map.Entry<String, LineId> e : lines.entrySet()) {
      List<Puddles.Table> tables =
          side.hydrate(e.getValue(), puddles.resolve(e.getKey()), sampling, duck, puddles);
      for (Puddles.Table t : tables) {
        env.out()
            .println(
                e.getKey() + "." + t.table() + " " + t.rows() + " rows " + t.bytes() + " bytes");
      }
      if (tables.isEmpty()) {
        env.out().println(e.getKey() + ": " + e.getValue() + " publishes no table");
      }
    }
    return Cli.OK;
  }

  /** {@code --rows N} or {@code --sample P%} (not both), checked; all rows when neither. */
  static Sampling sampling(String rows, String sample) {
    if (rows != null && sample != null) {
      throw new PondProject.BadArgument("give --rows or --sample, not both");
    }
    if (rows != null) {
      try {
        long n = Long.parseLong(rows.strip());
        if (n >= 0) {
          return Sampling.firstRows(n);
        }
      } catch (NumberFormatException e) {
        // falls through to the message
      }
      throw new PondProject.BadArgument("--rows must be a whole number >= 0, got '" + rows + "'");
    }
    if (sample != null) {
      String p = sample.strip();
      p = p.endsWith("%") ? p.substring(0, p.length() - 1) : p;
      try {
        double d = Double.parseDouble(p);
        if (d > 0 && d <= 100 && p.matches("[0-9]*\\.?[0-9]+")) {
          return Sampling.percent(d);
        }
      } catch (NumberFormatException e) {
        // falls through to the message
      }
      throw new PondProject.BadArgument(
          "--sample must be a percentage above 0 and at most 100, such as 1%, got '"
              + sample
              + "'");
    }
    return Sampling.all();
  }
}
