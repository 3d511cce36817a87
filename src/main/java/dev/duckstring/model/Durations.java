package dev.duckstring.model;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compound durations as people write them: {@code 4h}, {@code 1h30m}, {@code 500ms}, {@code 2d}.
 */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|d|h|m|s))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");

  private Durations() {}

  /** Parses a compound duration; throws a one-line error naming {@code what} otherwise. */
  public static Duration parse(String what, String text) {
    String problem = problem(text);
    if (problem != null) {
      throw new DuckstringException(what + " '" + text + "' " + problem);
    }
    return sum(text);
  }

  /**
   * Why {@code text} is not a positive compound duration ({@code is not a duration (e.g. ...)},
   * {@code must be longer than zero}, {@code is too long}), or null when it is one.
   */
  public static String problem(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      return "is not a duration (e.g. 30s, 15m, 4h, 1h30m, 2d)";
    }
    Duration total;
    try {
      total = sum(text);
    } catch (ArithmeticException | NumberFormatException e) {
      return "is too long";
    }
    return total.isZero() ? "must be longer than zero" : null;
  }

  private static Duration sum(String text) {
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    while (m.find()) {
      long n = Long.parseLong(m.group(1));
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
              });
    }
    return total;
  }

  /**
   * The compound form {@link #parse} reads, with no zero parts: {@code 10m}, {@code 1h30m}, {@code
   * 2s}, {@code 1m500ms}, {@code 2d}; {@code 0s} for zero. Sub-millisecond parts are dropped.
   */
  public static String compact(Duration d) {
    if (d.isNegative()) {
      return "-" + compact(d.negated());
    }
    StringBuilder b = new StringBuilder();
    part(b, d.toDaysPart(), "d");
    part(b, d.toHoursPart(), "h");
    part(b, d.toMinutesPart(), "m");
    part(b, d.toSecondsPart(), "s");
    part(b, d.toMillisPart(), "ms");
    return b.length() == 0 ? "0s" : b.toString();
  }

  private static void part(StringBuilder b, long n, String unit) {
    if (n != 0) {
      b.append(n).append(unit);
    }
  }

  /** Short human form: {@code 3.2s}, {@code 4m05s}, {@code 2h10m}, {@code 3d4h}. */
  public static String human(Duration d) {
    boolean negative = d.isNegative();
    Duration a = d.abs();
    String s;
    if (a.toMillis() < 1000) {
      s = a.toMillis() + "ms";
    } else if (a.getSeconds() < 60) {
      s =
          a.toMillisPart() == 0
              ? a.getSeconds() + "s"
              : String.format("%.1fs", a.toMillis() / 1000.0);
    } else if (a.toMinutes() < 60) {
      s = String.format("%dm%02ds", a.toMinutes(), a.toSecondsPart());
    } else if (a.toHours() < 48) {
      s = String.format("%dh%02dm", a.toHours(), a.toMinutesPart());
    } else {
      s = String.format("%dd%dh", a.toDays(), a.toHoursPart());
    }
    return negative ? "-" + s : s;
  }
}
