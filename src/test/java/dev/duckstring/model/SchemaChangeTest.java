package dev.duckstring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The schema diff of {@code deploy --plan}: drops, retypes, additions, order, nested types. */
class SchemaChangeTest {
  private static List<String> texts(Map<String, String> before, Map<String, String> after) {
    return SchemaChange.between("daily", before, after).stream().map(SchemaChange::text).toList();
  }

  @Test
  void dropsAndRetypesBreakAndComeFirstAdditionsDoNot() {
    Map<String, String> before = Map.of("id", "INTEGER", "amount", "DOUBLE", "day", "DATE");
    Map<String, String> after = Map.of("id", "BIGINT", "day", "DATE", "region", "VARCHAR");
    List<SchemaChange> changes = SchemaChange.between("daily", before, after);
    assertEquals(
        List.of(
            "daily.amount: dropped", "daily.id: INTEGER -> BIGINT", "daily.region: added VARCHAR"),
        changes.stream().map(SchemaChange::text).toList());
    assertTrue(changes.get(0).breaking());
    assertTrue(changes.get(1).breaking());
    assertFalse(changes.get(2).breaking());
  }

  @Test
  void columnOrderDoesNotMatter() {
    Map<String, String> before = new LinkedHashMap<>();
    before.put("a", "INTEGER");
    before.put("b", "VARCHAR");
    Map<String, String> after = new LinkedHashMap<>();
    after.put("b", "VARCHAR");
    after.put("a", "INTEGER");
    assertEquals(List.of(), texts(before, after));
  }

  @Test
  void nestedAndDecimalTypesCompareAsWritten() {
    assertEquals(
        List.of("daily.price: DECIMAL(18,2) -> DECIMAL(18,3)"),
        texts(Map.of("price", "DECIMAL(18,2)"), Map.of("price", "DECIMAL(18,3)")));
    assertEquals(
        List.of("daily.s: STRUCT(a INTEGER) -> STRUCT(a INTEGER, b VARCHAR)"),
        texts(Map.of("s", "STRUCT(a INTEGER)"), Map.of("s", "STRUCT(a INTEGER, b VARCHAR)")));
    assertEquals(List.of(), texts(Map.of("l", "INTEGER[]"), Map.of("l", "INTEGER[]")));
  }

  @Test
  void aDroppedTableIsOneLine() {
    SchemaChange c = SchemaChange.tableDropped("daily");
    assertEquals("table daily: dropped", c.text());
    assertTrue(c.breaking());
  }
}
