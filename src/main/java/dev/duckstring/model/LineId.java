package dev.duckstring.model;

/** One live line of a Pond: its name and major version ({@code sales@1}). */
public record LineId(String pond, int major) implements Comparable<LineId> {
  public LineId {
    Names.check("pond", pond);
    if (major < 0) {
      throw new DuckstringException("major version must not be negative: " + major);
    }
  }

  /** Parses {@code name@major}. */
  public static LineId parse(String text) {
    int at = text.lastIndexOf('@');
    if (at < 0) {
      throw new DuckstringException("'" + text + "' is not a Pond line (expected name@major)");
    }
    try {
      return new LineId(text.substring(0, at), Integer.parseInt(text.substring(at + 1)));
    } catch (NumberFormatException e) {
      throw new DuckstringException("'" + text + "' is not a Pond line (expected name@major)");
    }
  }

  @Override
  public int compareTo(LineId o) {
    int c = pond.compareTo(o.pond);
    return c != 0 ? c : Integer.compare(major, o.major);
  }

  @Override
  public String toString() {
    return pond + "@" + major;
  }
}
