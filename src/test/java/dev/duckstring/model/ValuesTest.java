package dev.duckstring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValuesTest {
  @Test
  void versionsOrderBySemverNotText() {
    assertTrue(PondVersion.parse("1.10.0").compareTo(PondVersion.parse("1.9.0")) > 0);
    assertTrue(PondVersion.parse("1.0.0-rc.1").compareTo(PondVersion.parse("1.0.0")) < 0);
    assertEquals(2, PondVersion.parse("2.0.1").major());
    for (String bad : new String[] {"1", "1.0", "v1.0.0", "1.0.0.0", "latest", ""}) {
      assertFalse(PondVersion.isValid(bad), bad);
    }
    assertTrue(
        assertThrows(DuckstringException.class, () -> PondVersion.parse("1.0"))
            .getMessage()
            .contains("'1.0' is not a semantic version"));
  }

  @Test
  void lineIdsParseAndPrint() {
    LineId l = LineId.parse("sales@2");
    assertEquals("sales", l.pond());
    assertEquals(2, l.major());
    assertEquals("sales@2", l.toString());
    assertThrows(DuckstringException.class, () -> LineId.parse("sales"));
  }

  @Test
  void durationsParseCompoundForms() {
    assertEquals(Duration.ofHours(4), Durations.parse("bound", "4h"));
    assertEquals(Duration.ofMinutes(90), Durations.parse("bound", "1h30m"));
    assertEquals(Duration.ofMillis(500), Durations.parse("bound", "500ms"));
    assertEquals(Duration.ofDays(2), Durations.parse("bound", "2d"));
    for (String bad : new String[] {"4", "h", "4 h", "-4h", "0s", "4hours"}) {
      assertThrows(DuckstringException.class, () -> Durations.parse("bound", bad), bad);
    }
    assertEquals("3.2s", Durations.human(Duration.ofMillis(3200)));
    assertEquals("2h10m", Durations.human(Duration.ofMinutes(130)));
    assertEquals("is too long", Durations.problem("99999999999999999999d"));
    assertEquals("must be longer than zero", Durations.problem("0m0s"));
    assertNull(Durations.problem("10m"));
  }

  @Test
  void compactDurationsReadBackAsWritten() {
    for (String text : new String[] {"10m", "1h30m", "2s", "500ms", "1m500ms", "2d", "3d4h5m6s"}) {
      assertEquals(text, Durations.compact(Durations.parse("t", text)), text);
    }
    assertEquals("10m", Durations.compact(Duration.ofSeconds(600)));
    assertEquals("0s", Durations.compact(Duration.ZERO));
  }
}
