package dev.duckstring.cli;

import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.runner.Puddles;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Pond project a local command works in: {@code --project DIR}, else the working directory. */
final class PondProject {
  private PondProject() {}

  /** A bad argument of a local command: one line on stderr, exit 2, nothing written. */
  static final class BadArgument extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BadArgument(String message) {
      super(message);
    }
  }

  /** The project directory; outside a Pond project (no pond.toml) a {@link BadArgument}. */
  static Path dir(Env env, String project) {
    Path dir = project == null ? env.cwd() : env.resolve(project);
    if (!Files.isRegularFile(dir.resolve(ManifestReader.FILE))) {
      throw new BadArgument(
          "not a Pond project: no "
              + ManifestReader.FILE
              + " in "
              + dir
              + " (run it in the project, give --project DIR, or create one with 'duckstring pond"
              + " init NAME')");
    }
    return dir;
  }

  /** The project's puddles directory. */
  static Path puddles(Path project) {
    return Puddles.of(project);
  }
}
