package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.Yanks;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.manifest.YankFile;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code yank} and {@code unyank}: write or remove the operator's {@code YANKED} file beside a
 * deployed version (decision 45); the daemon picks the line's version again at its next scan.
 */
final class YankCommand extends BaseCommand {
  private final boolean yank;
  private final OptionSpec<String> reason;

  YankCommand(boolean yank) {
    this.yank = yank;
    this.reason =
        yank
            ? parser
                .accepts("reason", "why, kept in the YANKED file and the journal")
                .withRequiredArg()
                .describedAs("TEXT")
            : null;
  }

  @Override
  public String name() {
    return yank ? "yank" : "unyank";
  }

  @Override
  public String summary() {
    return yank
        ? "Mark a deployed version of POND not to be run: its line falls back to the highest"
            + " version of its major that is not yanked, and its next run is a real run."
        : "Undo a yank: the version may run again (its line runs the highest version of its"
            + " major that is not yanked).";
  }

  @Override
  public String usage() {
    return yank
        ? "duckstring yank CATCHMENT POND VERSION [--reason TEXT]"
        : "duckstring unyank CATCHMENT POND VERSION";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 3, 3, "CATCHMENT POND VERSION");
    CatchmentLayout layout = Catchments.writable(env, args.get(0), name());
    Deployments d = new Deployments(layout);
    String pond = d.defaultLine(args.get(1)).pond();
    PondVersion version = version(d, pond, args.get(2));
    LineId line = new LineId(pond, version.major());
    Path file = layout.yanked(pond, version);
    YankFile current = d.yank(pond, version);
    if (yank) {
      if (current != null) {
        throw new DuckstringException(
            pond
                + " "
                + version
                + " is already yanked"
                + current.because()
                + " ("
                + rel(layout, file)
                + ")");
      }
      String why = options.valueOf(reason);
      why = why == null || why.isBlank() ? null : why.strip();
      AtomicFiles.writeString(
          file, YankFile.toml(why, env.clock().instant().truncatedTo(ChronoUnit.SECONDS)));
      env.out()
          .println(
              "yanked "
                  + pond
                  + " "
                  + version
                  + new YankFile(why, null).because()
                  + ": "
                  + after(d, line));
    } else {
      if (current == null) {
        throw new DuckstringException(
            pond + " " + version + " is not yanked (yanked: " + d.yanked(pond) + ")");
      }
      try {
        Files.delete(file);
      } catch (IOException e) {
        throw new DuckstringException("cannot remove " + file + ": " + e.getMessage(), e);
      }
      env.out().println("unyanked " + pond + " " + version + ": " + after(d, line));
    }
    DaemonNotes.afterDrop(env, args.get(0), layout);
    return 0;
  }

  /** VERSION: a semantic version deployed for {@code pond}; one line naming it otherwise. */
  private static PondVersion version(Deployments d, String pond, String text) {
    if (!PondVersion.isValid(text)) {
      throw new DuckstringException(
          "VERSION '"
              + text
              + "' is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.0.0)");
    }
    PondVersion v = PondVersion.parse(text);
    List<PondVersion> deployed = d.versions(pond);
    if (!deployed.contains(v)) {
      throw new DuckstringException(
          "pond '" + pond + "' has no deployed version " + v + " (deployed: " + deployed + ")");
    }
    return v;
  }

  /** What the line runs once the daemon scans. */
  private static String after(Deployments d, LineId line) {
    return d.selected(line)
        .map(v -> line + " runs " + v + " from the daemon's next scan")
        .orElseGet(
            () ->
                Yanks.everyVersion(line, d.yanked(line.pond()))
                    + "; the line is idle from the daemon's next scan");
  }

  private static String rel(CatchmentLayout layout, Path file) {
    return layout.root().relativize(file).toString();
  }
}
