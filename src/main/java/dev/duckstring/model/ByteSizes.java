package dev.duckstring.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as people write them: {@code 64MB}, {@code 4KB}, {@code 1GB}, {@code 500B}; units count in
 * 1024s, as logrotate and {@code ls -h} do ({@code KiB}, {@code MiB}, {@code GiB} mean the same).
 */
public final class ByteSizes {
  private static final Pattern SIZE = Pattern.compile("(\\d{1,18})(B|KB|MB|GB|KiB|MiB|GiB)");
  private static final String[] UNITS = {"GB", "MB", "KB"};

  private ByteSizes() {}

  /** Parses a size; throws a one-line error naming {@code what} otherwise. */
  public static long parse(String what, String text) {
    String problem = problem(text);
    if (problem != null) {
      throw new DuckstringException(what + " '" + text + "' " + problem);
    }
    return bytes(SIZE.matcher(text));
  }

  /** Why {@code text} is not a positive size, or null when it is one. */
  public static String problem(String text) {
    Matcher m = text == null ? null : SIZE.matcher(text);
    if (m == null || !m.matches()) {
      return "is not a size (e.g. 64MB, 512KB, 1GB, 4096B)";
    }
    try {
      return bytes(m) == 0 ? "must be larger than zero" : null;
    } catch (ArithmeticException e) {
      return "is too large";
    }
  }

  private static long bytes(Matcher m) {
    if (!m.matches()) {
      throw new IllegalStateException("not a size");
    }
    long n = Long.parseLong(m.group(1));
    int shift =
        switch (m.group(2)) {
          case "KB", "KiB" -> 10;
          case "MB", "MiB" -> 20;
          case "GB", "GiB" -> 30;
          default -> 0;
        };
    return Math.multiplyExact(n, 1L << shift);
  }

  /** The shortest form {@link #parse} reads back: {@code 64MB}, {@code 4KB}, {@code 1000B}. */
  public static String compact(long bytes) {
    for (int i = 0; i < UNITS.length; i++) {
      long unit = 1L << (10 * (UNITS.length - i));
      if (bytes != 0 && bytes % unit == 0) {
        return bytes / unit + UNITS[i];
      }
    }
    return bytes + "B";
  }
}
