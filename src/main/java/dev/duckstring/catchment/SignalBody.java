package dev.duckstring.catchment;

import dev.duckstring.fs.FileReads;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a claimed signal's body, or throws a one-line reason to reject it with. Only a regular file
 * of at most {@link SignalStore#MAX_BODY} bytes is opened, and never through a symlink: the type
 * and size come from the entry itself ({@code lstat}), so a FIFO is never opened and a link never
 * followed. The reason names the signal and its kind of file, nothing about what a link points at.
 */
final class SignalBody {
  private SignalBody() {}

  static byte[] read(SignalStore.Claimed c) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(c.file(), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new DuckstringException(
          "cannot read signal '" + c.originalName() + "': " + e.getMessage(), e);
    }
    if (!a.isRegularFile()) {
      throw new DuckstringException(
          "signal '"
              + c.originalName()
              + "' is "
              + FileReads.kindOf(c.file(), a)
              + ", not a regular file; only regular files are signals, and the daemon neither"
              + " follows nor opens anything else");
    }
    if (a.size() > SignalStore.MAX_BODY) {
      throw new DuckstringException(tooBig(c, a.size()));
    }
    byte[] out;
    try {
      out = FileReads.readNoFollow(c.file(), SignalStore.MAX_BODY);
    } catch (IOException e) {
      throw new DuckstringException(
          "cannot read signal '" + c.originalName() + "': " + e.getMessage(), e);
    }
    if (out.length > SignalStore.MAX_BODY) {
      throw new DuckstringException(tooBig(c, out.length));
    }
    return out;
  }

  private static String tooBig(SignalStore.Claimed c, long size) {
    return "signal '"
        + c.originalName()
        + "' is "
        + size
        + " bytes, over the limit of "
        + SignalStore.MAX_BODY
        + " bytes for a signal body; it was not read";
  }
}
