package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CatchmentLayoutTest {
  private final CatchmentLayout layout = new CatchmentLayout(Path.of("/r"));

  @Test
  void everyPathStaysUnderTheRoot() {
    LineId line = new LineId("outlet", 1);
    assertEquals(Path.of("/r/ponds/outlet/signals"), layout.signals("outlet"));
    assertEquals(
        Path.of("/r/ponds/outlet/versions/1.2.0"),
        layout.version("outlet", PondVersion.parse("1.2.0")));
    assertEquals(Path.of("/r/ponds/outlet/triggers/m1.toml"), layout.trigger(line));
    assertEquals(Path.of("/r/ponds/outlet/m1/data/CURRENT"), layout.current(line));
    assertEquals(Path.of("/r/ponds/outlet/m1/runs/x"), layout.run(line, "x"));
  }

  @Test
  void namesThatTryToLeaveTheRootAreRefused() {
    for (String bad :
        new String[] {"..", "../x", "a/b", "/abs", "A", "x y", "", ".hidden", "a\\b"}) {
      assertThrows(DuckstringException.class, () -> layout.pond(bad), bad);
    }
    for (String bad : new String[] {"..", "../g", "a/b", ".tmp", "", "a\\b", "a\0b"}) {
      assertThrows(DuckstringException.class, () -> layout.run(new LineId("p", 1), bad), bad);
    }
    assertTrue(
        assertThrows(DuckstringException.class, () -> layout.pond("../x"))
            .getMessage()
            .contains("pond '../x' is not a valid name"));
  }
}
