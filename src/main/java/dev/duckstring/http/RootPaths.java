package dev.duckstring.http;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Resolves request paths inside the root: each segment must be a plain file name, and the real path
 * (symlinks followed) must stay inside both the root and the directory being served.
 */
final class RootPaths {
  private final Path realRoot;

  RootPaths(Path root) {
    try {
      this.realRoot = root.toRealPath();
    } catch (IOException e) {
      throw new IllegalStateException("the Catchment root " + root + " is not readable", e);
    }
  }

  Path realRoot() {
    return realRoot;
  }

  /** Refuses anything but a plain name: no empty, dot or dot-dot names, separators, NUL or '%'. */
  static String segment(String s) {
    if (s == null
        || s.isEmpty()
        || s.startsWith(".")
        || s.indexOf('/') >= 0
        || s.indexOf('\\') >= 0
        || s.indexOf('%') >= 0
        || s.indexOf(':') >= 0
        || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw HttpFailure.badRequest("bad path segment '" + printable(s) + "'");
    }
    return s;
  }

  /**
   * The real path of {@code base/segments...}, which must exist and lie inside {@code base}'s real
   * path and the root; 404 otherwise (the answer never says where an escaping link points).
   */
  Path confine(Path base, List<String> segments) {
    Path p = base;
    for (String s : segments) {
      p = p.resolve(segment(s));
    }
    Path realBase = real(base);
    Path real = real(p);
    if (!realBase.startsWith(realRoot) || !real.startsWith(realBase)) {
      throw HttpFailure.notFound("not found");
    }
    return real;
  }

  /** True if {@code file}'s real path lies inside {@code realBase} (for walking a served tree). */
  static boolean inside(Path file, Path realBase) {
    try {
      return file.toRealPath().startsWith(realBase);
    } catch (IOException e) {
      return false;
    }
  }

  private static Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException | SecurityException e) {
      throw HttpFailure.notFound("not found");
    }
  }

  private static String printable(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    s.codePoints().limit(80).forEach(c -> b.appendCodePoint(c < 0x20 || c == 0x7f ? '?' : c));
    return b.toString();
  }
}
