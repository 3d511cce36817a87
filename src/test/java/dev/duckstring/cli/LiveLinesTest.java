package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveLinesTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final LiveLines lines =
      new LiveLines(new PrintStream(bytes, true, StandardCharsets.UTF_8), 12);

  private String drawn() {
    String s = bytes.toString(StandardCharsets.UTF_8).replace("\u001b", "^");
    bytes.reset();
    return s;
  }

  @Test
  void firstDrawWritesEachLineErasedThenClearsBelow() {
    lines.draw(List.of("a", "b"));
    assertEquals("^[2Ka\n^[2Kb\n^[J", drawn());
  }

  @Test
  void laterDrawsMoveUpOverTheLastOne() {
    lines.draw(List.of("a", "b"));
    drawn();
    lines.draw(List.of("c"));
    assertEquals("^[2F^[2Kc\n^[J", drawn());
    lines.draw(List.of("d", "e", "f"));
    assertEquals("^[1F^[2Kd\n^[2Ke\n^[2Kf\n^[J", drawn());
  }

  @Test
  void longLinesAreCutSoNoneWraps() {
    lines.draw(List.of("0123456789abcdef"));
    assertEquals("^[2K0123456789a…\n^[J", drawn());
  }

  @Test
  void columnsFallsBackTo120() {
    assertEquals(120, LiveLines.columns(null));
    assertEquals(120, LiveLines.columns("wide"));
    assertEquals(80, LiveLines.columns(" 80 "));
  }
}
