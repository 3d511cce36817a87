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
    Semver semver = text == null ? null : Semver.parse(text);
    if (semver == null || !semver.getVersion().equals(text)) {
      throw new DuckstringException(
          "'" + text + "' is not a semantic version (expected MAJOR.MINOR.PATCH, e.g. 1.0.0)");
    }
    return new PondVersion(text, semver.getMajor());
  }

  /** True if {@code text} parses as a version. */
  public static boolean isValid(String text) {
    Semver semver = text == null ? null : Semver.parse(text);
    return semver != null && semver.getVersion().equals(text);
  }

  @Override
  public int compareTo(PondVersion other) {
    return new Semver(text).compareTo(new Semver(other.text));
  }

  @Override
  public String toString() {
    return text;
  }
}
