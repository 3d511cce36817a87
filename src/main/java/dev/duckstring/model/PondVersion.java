package dev.duckstring.model;

import org.semver4j.Semver;

/** A deployed Pond version: strict semver, ordered by semver precedence. */
public record PondVersion(String text, int major) implements Comparable<PondVersion> {
  public PondVersion {
    if (text == null) {
      throw new NullPointerException("text is null");
    }
  }

  /**
   * Parses strict semver ({@code 1.2.3}, {@code 1.2.3-rc.1}); throws a one-line error otherwise.
   */
  public static PondVersion parse(String text) {
    int[] plain = plain(text);
    if (plain != null) {
      return new PondVersion(text, plain[0]);
    }
    Semver semver = text == null ? null : Semver.parse(text);
    if (semver == null || !semver.getVersion().equals(text)) {
      throw new DuckstringException(
          "'" + text + "' is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.0.0)");
    }
    return new PondVersion(text, semver.getMajor());
  }

  /** True if {@code text} parses as a version. */
  public static boolean isValid(String text) {
    if (plain(text) != null) {
      return true;
    }
    Semver semver = text == null ? null : Semver.parse(text);
    return semver != null && semver.getVersion().equals(text);
  }

  @Override
  public int compareTo(PondVersion other) {
    int[] a = plain(text);
    int[] b = plain(other.text);
    if (a != null && b != null) {
      return a[0] != b[0]
          ? Integer.compare(a[0], b[0])
          : a[1] != b[1] ? Integer.compare(a[1], b[1]) : Integer.compare(a[2], b[2]);
    }
    return new Semver(text).compareTo(new Semver(other.text));
  }

  /**
   * MAJOR, MINOR and PATCH of a plain release ({@code 1.2.3}: digits without a leading zero, at
   * most 9 each), or null for anything else, which semver4j decides. The common case needs no
   * semver4j, whose normalisation formats through {@code String.format} and the JDK's locale data
   * (about 40 ms of a CLI start, decision 52).
   */
  static int[] plain(String text) {
    if (text == null) {
      return null;
    }
    int[] parts = new int[3];
    int part = 0;
    int start = 0;
    for (int i = 0; i <= text.length(); i++) {
      if (i < text.length() && text.charAt(i) != '.') {
        char c = text.charAt(i);
        if (c < '0' || c > '9' || i - start >= 9 || i > start && text.charAt(start) == '0') {
          return null;
        }
        continue;
      }
      if (i == start || part == 3) {
        return null;
      }
      parts[part++] = Integer.parseInt(text, start, i, 10);
      start = i + 1;
    }
    return part == 3 ? parts : null;
  }

  @Override
  public String toString() {
    return text;
  }
}
