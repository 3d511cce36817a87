package dev.duckstring.model;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Instants as the CLI and the signal names print them in UTC, written digit by digit: a {@link
 * DateTimeFormatter} costs a CLI start several milliseconds to build (decision 59). Years outside
 * 1000-9999 go through the formatter the pattern names, so the text is always the formatter's.
 */
public final class UtcText {
  private UtcText() {}

  /** {@code yyyyMMdd'T'HHmmssSSS'Z'}: a signal file's time. */
  public static String compact(Instant t) {
    LocalDateTime d = utc(t);
    if (d == null) {
      return formatter("yyyyMMdd'T'HHmmssSSS'Z'").format(t);
    }
    StringBuilder b = new StringBuilder(19).append(d.getYear());
    two(two(b, d.getMonthValue()), d.getDayOfMonth()).append('T');
    two(two(two(b, d.getHour()), d.getMinute()), d.getSecond());
    int millis = d.getNano() / 1_000_000;
    b.append((char) ('0' + millis / 100));
    return two(b, millis % 100).append('Z').toString();
  }

  /** {@code yyyy-MM-dd HH:mm:ss'Z'}: a time in {@code status}. */
  public static String seconds(Instant t) {
    LocalDateTime d = utc(t);
    if (d == null) {
      return formatter("yyyy-MM-dd HH:mm:ss'Z'").format(t);
    }
    StringBuilder b = new StringBuilder(20).append(d.getYear()).append('-');
    two(two(b, d.getMonthValue()).append('-'), d.getDayOfMonth()).append(' ');
    return clock(b, d).append('Z').toString();
  }

  /** {@code HH:mm:ss}: a time of day in {@code --wait}'s progress. */
  public static String clock(Instant t) {
    LocalDateTime d = utc(t);
    if (d == null) {
      return formatter("HH:mm:ss").format(t);
    }
    return clock(new StringBuilder(8), d).toString();
  }

  private static StringBuilder clock(StringBuilder b, LocalDateTime d) {
    return two(two(two(b, d.getHour()).append(':'), d.getMinute()).append(':'), d.getSecond());
  }

  /** The UTC date and time of {@code t}, or null outside the years 1000-9999. */
  private static LocalDateTime utc(Instant t) {
    LocalDateTime d = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
    return d.getYear() < 1000 || d.getYear() > 9999 ? null : d;
  }

  private static DateTimeFormatter formatter(String pattern) {
    return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
  }

  private static StringBuilder two(StringBuilder b, int n) {
    return b.append((char) ('0' + n / 10)).append((char) ('0' + n % 10));
  }
}
