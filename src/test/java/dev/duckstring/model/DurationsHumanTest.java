package dev.duckstring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** {@link Durations#human} prints what {@code String.format} printed, in every locale. */
class DurationsHumanTest {
  @Test
  void sameTextAsStringFormatInEveryLocale() {
    Locale saved = Locale.getDefault(Locale.Category.FORMAT);
    try {
      for (Locale l :
          List.of(
              Locale.ROOT,
              Locale.ENGLISH,
              Locale.US,
              Locale.UK,
              Locale.GERMANY,
              Locale.FRANCE,
              Locale.forLanguageTag("en-ZA"),
              Locale.forLanguageTag("en-US-u-nu-arab"),
              Locale.forLanguageTag("ar-EG"))) {
        Locale.setDefault(Locale.Category.FORMAT, l);
        // every millisecond where human() writes the digits itself (English and root: each 100 ms
        // holds a rounding edge); elsewhere it calls String.format as the reference does, and a
        // sample shows that it does
        int step = List.of(Locale.ROOT, Locale.ENGLISH, Locale.US, Locale.UK).contains(l) ? 1 : 13;
        for (long ms = 0; ms < 70_000; ms += (ms < 62_000 ? step : 7)) {
          check(Duration.ofMillis(ms).plusNanos(ms % 3 * 400_000), l);
          check(Duration.ofMillis(-ms), l);
        }
        for (long s = 60; s < 400_000; s += 37) {
          check(Duration.ofSeconds(s, s % 2 * 999_999_999), l);
        }
      }
    } finally {
      Locale.setDefault(Locale.Category.FORMAT, saved);
    }
  }

  private static void check(Duration d, Locale l) {
    assertEquals(reference(d), Durations.human(d), d + " in " + l);
  }

  /** The implementation before decision 59. */
  private static String reference(Duration d) {
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
