package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaitCommandTest {
  private static LineStatus line(String pond, int major) {
    String v = major + ".0.0";
    return LineStatus.of(new LineId(pond, major), v, List.of(v), List.of());
  }

  private final List<LineStatus> lines =
      List.of(line("outlet", 2), line("outlet", 1), line("inlet", 1));

  @Test
  void theHighestMajorUnlessVersionNamesOne() {
    assertEquals(new LineId("outlet", 2), WaitCommand.remoteLine(lines, "outlet", null));
    assertEquals(new LineId("outlet", 1), WaitCommand.remoteLine(lines, "outlet", "1"));
    assertEquals(new LineId("outlet", 1), WaitCommand.remoteLine(lines, "outlet", "1.4.0"));
  }

  @Test
  void anUnknownPondOrMajorIsOneLine() {
    String e =
        assertThrows(DuckstringException.class, () -> WaitCommand.remoteLine(lines, "outlte", null))
            .getMessage();
    assertTrue(e.contains("no Pond 'outlte' is deployed (did you mean 'outlet'?)"), e);
    e =
        assertThrows(DuckstringException.class, () -> WaitCommand.remoteLine(lines, "inlet", "3"))
            .getMessage();
    assertEquals("no line inlet@3 is deployed", e);
  }
}
