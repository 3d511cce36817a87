package dev.duckstring.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Instants} reads what {@link Instant#toString} writes as {@link Instant#parse} does. */
class InstantsTest {
  @Test
  void everyCanonicalInstantReadsAsInstantParseReadsIt() {
    Random r = new Random(59);
    long min = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long max = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 200_000; i++) {
      long sec = min + (long) (r.nextDouble() * (max - min));
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> r.nextInt(1000) * 1_000_000;
            case 2 -> r.nextInt(1_000_000) * 1000;
            default -> r.nextInt(1_000_000_000);
          };
      Instant t = Instant.ofEpochSecond(sec, nanos);
      assertEquals(t, Instants.canonical(t.toString()), t.toString());
    }
    for (String s :
        List.of(
            "2024-02-29T23:59:59.1Z", "2000-02-29T00:00:00.123456789Z", "1970-01-01T00:00:00Z")) {
      assertEquals(Instant.parse(s), Instants.canonical(s), s);
    }
  }

  @Test
  void anythingElseIsLeftToInstantParse() {
    for (String s :
        List.of(
            "2023-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-11-31T00:00:00Z",
            "2026-11-29T24:00:00Z",
            "2026-11-29T23:59:60Z",
            "2026-11-29T10:09:52.Z",
            "2026-11-29T10:09:52.1234567890Z",
            "2026-11-29t10:09:52z",
            "2026-11-29T10:09:52+00:00",
            "+12026-11-29T10:09:52Z",
            "2026-11-29T10:09:5xZ",
            "")) {
      assertNull(Instants.canonical(s), s);
    }
    assertEquals(Instant.parse("2026-11-29t10:09:52z"), Instants.parse("2026-11-29t10:09:52z"));
  }
}
