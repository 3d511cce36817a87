package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * The daemon's own directories in a signal inbox ({@code claimed/}, {@code rejected/}): real
 * directories, never a link or a file someone dropped under that name.
 */
final class SignalDirs {
  private SignalDirs() {}

  /** True for a real directory, not a link to one. */
  static boolean isReal(Path p) {
    return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }

  /**
   * Makes sure {@code dir} is the daemon's own real directory. Anything else dropped under that
   * name (a file, a symlink to somewhere else) is first renamed aside to a dot-name, and {@code
   * movedAside} told where, so nothing is ever moved into or written through a link.
   */
  static void own(Path dir, Consumer<Path> movedAside) throws IOException {
    if (isReal(dir)) {
      return;
    }
    if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      Path aside = dir.resolveSibling(AtomicFiles.tempName(dir.getFileName().toString()));
      AtomicFiles.move(dir, aside);
      movedAside.accept(aside);
    }
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!isReal(dir)) {
        throw e;
      }
    }
  }
}
