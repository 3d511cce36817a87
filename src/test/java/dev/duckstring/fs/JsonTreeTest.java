package dev.duckstring.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTreeTest {
  @Test
  void readsEveryKindOfValueInOrder() {
    Object v =
        JsonTree.parse(
            "{\"b\": [1, 18446744073709551615, -2.5e3], \"a\": {\"s\": \"x\\\"y\", \"t\": true,"
                + " \"n\": null}, \"e\": [], \"o\": {}}",
            "test");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(List.of("b", "a", "e", "o"), List.copyOf(m.keySet()));
    assertEquals(
        List.of(
            new BigDecimal("1"), new BigDecimal("18446744073709551615"), new BigDecimal("-2.5e3")),
        m.get("b"));
    assertEquals(
        Arrays.asList("x\"y", true, null), new ArrayList<>(((Map<?, ?>) m.get("a")).values()));
    assertEquals(List.of(), m.get("e"));
    assertEquals(Map.of(), m.get("o"));
    assertEquals("top", JsonTree.parse("\"top\"", "test"));
    assertEquals(null, JsonTree.parse("null", "test"));
  }

  @Test
  void aDeepDocumentDoesNotOverflowTheStack() {
    int depth = 100_000;
    Object v = JsonTree.parse("[".repeat(depth) + "]".repeat(depth), "deep");
    for (int i = 1; i < depth; i++) {
      v = ((List<?>) v).get(0);
    }
    assertEquals(List.of(), v);
  }

  @Test
  void malformedJsonIsAOneLineErrorNamingTheSource() {
    for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]x", "1 2")) {
      DuckstringException e =
          assertThrows(DuckstringException.class, () -> JsonTree.parse(bad, "src.json"));
      assertTrue(e.getMessage().startsWith("src.json: error: invalid JSON: "), e.getMessage());
    }
  }
}
