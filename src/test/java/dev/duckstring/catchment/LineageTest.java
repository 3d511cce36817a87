package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineageTest {
  private static LineStatus line(String line, String... sources) {
    LineId id = LineId.parse(line);
    String version = id.major() + ".0.0";
    return LineStatus.of(id, version, List.of(version), List.of(sources));
  }

  /** inlet@1 <- pond@1 <- outlet@1; pond@2 pins inlet optionally; other@1 and far@1 apart. */
  private static final List<LineStatus> ALL =
      List.of(
          line("far@1"),
          line("inlet@1"),
          line("other@1", "far 1.0.0"),
          line("outlet@1", "pond 1.2.0", "ghost 1.0.0"),
          line("pond@1", "inlet 1.0.0"),
          line("pond@2", "inlet 1.1.0?"));

  private static List<String> shown(String... selectors) {
    return Lineage.upstream(ALL, List.of("later"), List.of(selectors)).stream()
        .map(LineStatus::line)
        .toList();
  }

  @Test
  void aPondShowsItselfAndEveryLineUpstreamInTheOrderGiven() {
    assertEquals(List.of("inlet@1", "outlet@1", "pond@1"), shown("outlet"));
    assertEquals(List.of("inlet@1"), shown("inlet"));
  }

  @Test
  void aPondNamesEveryMajorAndPondAtMajorOneLine() {
    assertEquals(List.of("inlet@1", "pond@1", "pond@2"), shown("pond"));
    assertEquals(List.of("inlet@1", "pond@2"), shown("pond@2"));
  }

  @Test
  void severalSelectorsShowTheUnionOfTheirLineages() {
    assertEquals(List.of("far@1", "inlet@1", "other@1", "pond@2"), shown("pond@2", "other"));
    assertEquals(List.of("inlet@1", "outlet@1", "pond@1"), shown("outlet", "pond@1", "outlet"));
  }

  @Test
  void aPondKnownWithoutAStatusShowsNothingAndIsNoError() {
    assertEquals(List.of(), shown("later"));
  }

  @Test
  void unknownPondsAndMajorsAreOneLineErrorsWithASuggestion() {
    DuckstringException e = assertThrows(DuckstringException.class, () -> shown("outlt"));
    assertEquals(
        "unknown pond 'outlt' (did you mean 'outlet'?): nothing deployed under that name",
        e.getMessage());
    e = assertThrows(DuckstringException.class, () -> shown("pond@3"));
    assertEquals("pond 'pond' has no line pond@3 (lines: pond@1, pond@2)", e.getMessage());
    e = assertThrows(DuckstringException.class, () -> shown("pond@x"));
    assertTrue(e.getMessage().contains("not a Pond line"), e.getMessage());
    assertThrows(DuckstringException.class, () -> shown("../etc"));
  }

  @Test
  void aCycleOfPinsEnds() {
    List<LineStatus> loop = List.of(line("a@1", "b 1.0.0"), line("b@1", "a 1.0.0"));
    assertEquals(
        List.of("a@1", "b@1"),
        Lineage.upstream(loop, List.of(), List.of("a")).stream().map(LineStatus::line).toList());
  }

  @Test
  void pinsAreReadAsTheirMajor() {
    assertEquals(Optional.of(new LineId("pond", 2)), Lineage.pinned("pond 2.1.0?"));
    assertEquals(Optional.of(new LineId("pond", 0)), Lineage.pinned("pond 0.3.0-rc.1"));
    assertEquals(Optional.empty(), Lineage.pinned("pond"));
    assertEquals(Optional.empty(), Lineage.pinned("pond latest"));
  }
}
