package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.manifest.Registrations;
import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resolves a Catchment name given on the command line to its registration. */
final class Catchments {
  private Catchments() {}

  /** The registration called {@code name}. */
  static Registrations.Entry entry(Env env, String name) {
    return Registrations.load(env.registrations()).require(name);
  }

  /** The local root of {@code name} for a command that writes; HTTP registrations refuse. */
  static CatchmentLayout writable(Env env, String name, String command) {
    Registrations.Entry e = entry(env, name);
    if (e.isRemote()) {
      throw new DuckstringException(
          "'"
              + command
              + "' needs write access, but catchment '"
              + name
              + "' is connected over HTTP ("
              + e.path()
              + "), which is read-only; mount its root and 'duckstring catchment connect --name "
              + name
              + " --path /mounted/root' for write access");
    }
    return local(e);
  }

  /** The local root of a path registration, checked to be a Catchment root. */
  static CatchmentLayout local(Registrations.Entry e) {
    CatchmentLayout layout = new CatchmentLayout(Path.of(e.path()));
    if (!Files.isRegularFile(layout.config())) {
      throw new DuckstringException(
          "catchment '"
              + e.name()
              + "' is registered at "
              + e.path()
              + ", but there is no catchment.toml there (is the root mounted?)");
    }
    return layout;
  }
}
