package dev.duckstring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link UtcText} writes what the {@link DateTimeFormatter} of each pattern writes. */
class UtcTextTest {
  private static final DateTimeFormatter COMPACT = utc("yyyyMMdd'T'HHmmssSSS'Z'");
  private static final DateTimeFormatter SECONDS = utc("yyyy-MM-dd HH:mm:ss'Z'");
  private static final DateTimeFormatter CLOCK = utc("HH:mm:ss");

  @Test
  void sameTextAsTheFormatters() {
    Random r = new Random(59);
    long min = Instant.parse("-0100-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("+12000-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 100_000; i++) {
      long sec =
          i % 2 == 0 ? min + (long) (r.nextDouble() * (max - min)) : 1_700_000_000L + i * 7919L;
      check(Instant.ofEpochSecond(sec, r.nextInt(1_000_000_000)));
    }
    for (String s :
        List.of(
            "1000-01-01T00:00:00Z",
            "0999-12-31T23:59:59.999Z",
            "9999-12-31T23:59:59.999999999Z",
            "2026-11-29T10:09:52.004999999Z")) {
      check(Instant.parse(s));
    }
  }

  private static void check(Instant t) {
    assertEquals(COMPACT.format(t), UtcText.compact(t), t.toString());
    assertEquals(SECONDS.format(t), UtcText.seconds(t), t.toString());
    assertEquals(CLOCK.format(t), UtcText.clock(t), t.toString());
  }

  private static DateTimeFormatter utc(String pattern) {
    return DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
  }
}
