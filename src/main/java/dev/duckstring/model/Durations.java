package dev.duckstring.model;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compound durations as people write them: {@code 4h}, {@code 1h30m}, {@code 500ms}, {@code 2d}.
 */
public final class Durations {
  /** The syntax, compiled at first use: {@link #human} needs no regex (decision 59). */
  private static final class Syntax {
    static final Pattern WHOLE = Pattern.compile("(\\d+(ms|d|h|m|s))+");
    static final Pattern PART = Pattern.compile("(\\d+)(ms|d|h|m|s)");
  }

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
    if (text == null || !Syntax.WHOLE.matcher(text).matches()) {
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
    Matcher m = Syntax.PART.matcher(text);
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
    // In a locale that writes 1.5 and 05 as ASCII, without Formatter and the locale data it loads
    // (tens of milliseconds of a CLI start, decision 59); elsewhere through String.format as ever.
    boolean plain = plainDigits();
    String s;
    if (a.toMillis() < 1000) {
      s = a.toMillis() + "ms";
    } else if (a.getSeconds() < 60) {
      s =
          a.toMillisPart() == 0
              ? a.getSeconds() + "s"
              : plain ? tenths(a.toMillis()) + "s" : String.format("%.1fs", a.toMillis() / 1000.0);
    } else if (a.toMinutes() < 60) {
      s =
          plain
              ? a.toMinutes() + "m" + two(a.toSecondsPart()) + "s"
              : String.format("%dm%02ds", a.toMinutes(), a.toSecondsPart());
    } else if (a.toHours() < 48) {
      s =
          plain
              ? a.toHours() + "h" + two(a.toMinutesPart()) + "m"
              : String.format("%dh%02dm", a.toHours(), a.toMinutesPart());
    } else {
      s =
          plain
              ? a.toDays() + "d" + a.toHoursPart() + "h"
              : String.format("%dd%dh", a.toDays(), a.toHoursPart());
    }
    return negative ? "-" + s : s;
  }

  /** True when the format locale writes numbers as ASCII digits with a '.' (English, or root). */
  private static boolean plainDigits() {
    Locale l = Locale.getDefault(Locale.Category.FORMAT);
    String country = l.getCountry();
    return (l.getLanguage().isEmpty() || l.getLanguage().equals("en"))
        && (country.isEmpty() || country.equals("US") || country.equals("GB"))
        && l.getScript().isEmpty()
        && l.getVariant().isEmpty()
        && !l.hasExtensions();
  }

  /** {@code String.format("%.1f", millis / 1000.0)}: rounded half up to a tenth. */
  private static String tenths(long millis) {
    long t = (millis + 50) / 100;
    return (t / 10) + "." + (t % 10);
  }

  /** {@code String.format("%02d", n)} for 0-99. */
  private static String two(int n) {
    return n < 10 ? "0" + n : Integer.toString(n);
  }
}
