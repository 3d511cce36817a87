package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableRefsTest {
  @Test
  void parsesOnTheProcesssOneSmallDatabaseNotANewOneEachTime() {
    TableRefs.infer("SELECT 1"); // the first parse may open it
    long before = Duck.opened();
    for (int i = 0; i < 20; i++) {
      assertEquals(Set.of("t" + i), TableRefs.infer("SELECT * FROM t" + i));
    }
    assertEquals(before, Duck.opened(), "a daemon's graph build parses every Ripple's SQL");
  }

  @Test
  void findsQualifiedAndBareReferences() {
    assertEquals(
        Set.of("clean", "shop.orders", "cat.s.t"),
        TableRefs.infer(
            "SELECT * FROM shop.orders o JOIN clean c USING (id), cat.s.t"
                + " WHERE o.id IN (SELECT id FROM clean);"));
  }

  @Test
  void ignoresCteNamesButOnlyWhereTheyAreInScope() {
    assertEquals(
        Set.of("orders", "raw"),
        TableRefs.infer(
            "WITH recent AS (SELECT * FROM raw), top AS (SELECT * FROM recent)\n"
                + "SELECT * FROM top JOIN orders USING (id)\n"
                + "WHERE id IN (WITH orders AS (SELECT 1 AS id) SELECT id FROM orders)"));
  }

  @Test
  void findsReferencesInUnionsAndSubqueries() {
    assertEquals(
        Set.of("a", "b", "c"),
        TableRefs.infer(
            "SELECT x FROM a UNION ALL SELECT x FROM (SELECT x FROM b)"
                + " WHERE EXISTS (SELECT 1 FROM c)"));
  }

  @Test
  void ignoresTableFunctions() {
    assertEquals(Set.of(), TableRefs.infer("SELECT * FROM range(3), read_parquet('x.parquet')"));
  }

  @Test
  void reportsParseErrors() {
    DuckstringException e =
        assertThrows(DuckstringException.class, () -> TableRefs.infer("SELECT * FORM orders"));
    assertEquals(
        "Parser Error: syntax error at or near \"orders\" at line 1, column 15", e.getMessage());
  }

  @Test
  void rejectsNonQueries() {
    DuckstringException e =
        assertThrows(DuckstringException.class, () -> TableRefs.infer("DROP TABLE orders"));
    assertTrue(e.getMessage().startsWith("only a single query"), e.getMessage());
  }
}
