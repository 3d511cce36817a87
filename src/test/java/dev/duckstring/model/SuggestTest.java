package dev.duckstring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** "Did you mean" hints are offered for near misses only. */
class SuggestTest {
  @Test
  void suggestionsOnlyForNearMisses() {
    assertEquals("version", Suggest.closest("verison", List.of("version", "name")).orElseThrow());
    assertTrue(Suggest.closest("zzzzzz", List.of("version", "name")).isEmpty());
  }
}
