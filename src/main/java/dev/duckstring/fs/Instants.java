package dev.duckstring.fs;

import java.time.Instant;

/**
 * Parses the instants {@link Instant#toString} writes ({@code 2026-11-29T10:09:52.494144176Z}: a
 * four-digit year, seconds 00-59, 0-9 fraction digits) by arithmetic, as {@link Instant#parse}
 * would read them but without building the JDK's ISO formatters (decision 59). Any other text goes
 * to {@link Instant#parse}.
 */
final class Instants {
  private Instants() {}

  static Instant parse(String s) {
    Instant fast = canonical(s);
    return fast != null ? fast : Instant.parse(s);
  }

  /** The instant of a canonical {@code yyyy-MM-ddTHH:mm:ss[.f]Z}, or null for any other text. */
  static Instant canonical(String s) {
    int n = s.length();
    if (n < 20
        || s.charAt(4) != '-'
        || s.charAt(7) != '-'
        || s.charAt(10) != 'T'
        || s.charAt(13) != ':'
        || s.charAt(16) != ':'
        || s.charAt(n - 1) != 'Z') {
      return null;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 7);
    int day = digits(s, 8, 10);
    int hour = digits(s, 11, 13);
    int minute = digits(s, 14, 16);
    int second = digits(s, 17, 19);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > length(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int nanos = 0;
    if (n > 20) {
      int digitsAfter = n - 21;
      if (s.charAt(19) != '.' || digitsAfter < 1 || digitsAfter > 9) {
        return null;
      }
      nanos = digits(s, 20, n - 1);
      if (nanos < 0) {
        return null;
      }
      for (int i = digitsAfter; i < 9; i++) {
        nanos *= 10;
      }
    }
    long days = epochDay(year, month, day);
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
  }

  /** The decimal value of {@code s[from, to)}, or -1 if one of them is not a digit. */
  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static int length(int year, int month) {
    return switch (month) {
      case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 in the proleptic Gregorian calendar (years 0-9999). */
  private static long epochDay(int year, int month, int day) {
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146_097L + doe - 719_468;
  }
}
