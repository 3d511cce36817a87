package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;

/** Creates a new Catchment root from the skeleton shipped in the jar (see catchment-layout/). */
public final class Skeleton {
  private Skeleton() {}

  /** Writes catchment.toml, the README and the empty {@code ponds/} directory. */
  public static void create(CatchmentLayout layout, String configToml) {
    try {
      Files.createDirectories(layout.ponds());
      try (InputStream in = Skeleton.class.getResourceAsStream("/skeleton/README.md")) {
        if (in != null) {
          AtomicFiles.write(layout.root().resolve("README.md"), in.readAllBytes());
        }
      }
      AtomicFiles.writeString(layout.config(), configToml);
    } catch (IOException e) {
      throw new DuckstringException("cannot create " + layout.root() + ": " + e.getMessage(), e);
    }
  }
}
