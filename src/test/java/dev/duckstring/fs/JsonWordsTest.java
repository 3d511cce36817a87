package dev.duckstring.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** States travel as the lower-case words the files have always held, and back. */
class JsonWordsTest {
  record Holder(LineState state, RunOutcome outcome) {}

  @Test
  void everyStateIsWrittenAsItsWordAndReadBack() {
    List<String> lineWords = Arrays.stream(LineState.values()).map(LineState::word).toList();
    assertEquals(
        List.of("idle", "queued", "running", "failed", "blocked", "killed", "unknown", "repairing"),
        lineWords);
    List<String> runWords = Arrays.stream(RunOutcome.values()).map(RunOutcome::word).toList();
    assertEquals(
        List.of("running", "success", "passed", "failed", "killed", "timed_out", "unknown"),
        runWords);
    for (LineState s : LineState.values()) {
      for (RunOutcome o : RunOutcome.values()) {
        String json = Json.line(new Holder(s, o));
        assertEquals("{\"state\":\"" + s.word() + "\",\"outcome\":\"" + o.word() + "\"}", json);
        assertEquals(new Holder(s, o), Json.read(json, Holder.class, "test"));
      }
    }
  }

  @Test
  void aWordThisBuildDoesNotKnowReadsAsUnknownAndNullStaysNull() {
    Holder h = Json.read("{\"state\": \"paused\", \"outcome\": \"skipped\"}", Holder.class, "test");
    assertEquals(new Holder(LineState.UNKNOWN, RunOutcome.UNKNOWN), h);
    Holder none = Json.read("{\"state\": null}", Holder.class, "test");
    assertNull(none.state());
    assertNull(none.outcome());
    assertEquals("{\"state\":null,\"outcome\":null}", Json.line(none));
  }
}
