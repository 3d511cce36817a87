package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duckstring.model.DuckstringException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Pins inside query SQL: found and quoted outside literals and comments, refused when bad. */
class SqlPinsTest {
  private static SqlPins.Pinned find(String sql) {
    return SqlPins.find(sql, "outlet");
  }

  private static String fails(String sql) {
    return assertThrows(DuckstringException.class, () -> find(sql)).getMessage();
  }

  @Test
  void quotesUnquotedPinsOfThePond() {
    SqlPins.Pinned p = find("SELECT * FROM outlet@1.daily");
    assertEquals("SELECT * FROM \"outlet@1\".daily", p.sql());
    assertEquals(Set.of("1"), p.pins());

    p = find("SELECT a.id FROM outlet@1.daily a JOIN OUTLET@2.0.0.\"daily\" b USING (id)");
    assertEquals(
        "SELECT a.id FROM \"outlet@1\".daily a JOIN \"outlet@2.0.0\".\"daily\" b USING (id)",
        p.sql());
    assertEquals(List.of("1", "2.0.0"), List.copyOf(p.pins()));

    p = find("SELECT outlet@1.daily.amount FROM outlet@1.daily, outlet@1.0.0-rc.1.daily");
    assertEquals(
        "SELECT \"outlet@1\".daily.amount FROM \"outlet@1\".daily, \"outlet@1.0.0-rc.1\".daily",
        p.sql());
    assertEquals(List.of("1", "1.0.0-rc.1"), List.copyOf(p.pins()));
  }

  @Test
  void findsQuotedPinsAndKeepsThem() {
    String sql = "SELECT * FROM \"outlet@1\".daily JOIN \"Outlet@1.2.0\".\"daily\" USING (id)";
    SqlPins.Pinned p = find(sql);
    assertEquals(sql, p.sql());
    assertEquals(List.of("1", "1.2.0"), List.copyOf(p.pins()));
  }

  @Test
  void leavesLiteralsCommentsAndOtherQuotedNamesAlone() {
    for (String sql :
        List.of(
            "SELECT 'outlet@1.daily' AS s FROM daily",
            "SELECT E'\\'outlet@1.daily' FROM daily",
            "SELECT $q$ outlet@1.daily $q$ FROM daily",
            "SELECT 1 -- outlet@1.daily\nFROM daily",
            "SELECT /* outlet@1.daily /* nested */ outlet@2.daily */ 1 FROM daily",
            "SELECT \"outlet@1.daily\" FROM daily",
            "SELECT 1 AS \"outlet@x\" FROM daily",
            "SELECT \"me@x\".id FROM daily AS \"me@x\"",
            "SELECT x.outlet@1.daily FROM daily x",
            "SELECT [1, 2] @> [1], outlet@>[1], @ -5 FROM daily",
            "SELECT id@1.5 FROM daily",
            "SELECT * FROM outlet.daily")) {
      SqlPins.Pinned p = find(sql);
      assertEquals(sql, p.sql(), sql);
      assertEquals(Set.of(), p.pins(), sql);
    }
  }

  @Test
  void refusesBadPinsWithTheirPlace() {
    assertEquals(
        "outlet@1.2 at line 1, column 15: '1.2' is not a major (outlet@1) or a version"
            + " (outlet@1.2.0)",
        fails("SELECT * FROM outlet@1.2.daily"));
    assertEquals(
        "outlet@x at line 2, column 6: 'x' is not a major (outlet@1) or a version (outlet@1.2.0)",
        fails("SELECT *\nFROM outlet@x.daily"));
    assertEquals(
        "outlet@-1 at line 1, column 15: '-1' is not a major (outlet@1) or a version"
            + " (outlet@1.2.0)",
        fails("SELECT * FROM outlet@-1.daily"));
    assertEquals(
        "\"outlet@1.2\" at line 1, column 15: '1.2' is not a major (outlet@1) or a version"
            + " (outlet@1.2.0)",
        fails("SELECT * FROM \"outlet@1.2\".daily"));
    assertEquals(
        "outlet@1 at line 1, column 15: name a table after the pin, as outlet@1.t",
        fails("SELECT * FROM outlet@1"));
    assertEquals(
        "pond@1 at line 1, column 15: a query reads the lines of one Pond, here outlet; query"
            + " pond alone",
        fails("SELECT * FROM pond@1.regions"));
  }
}
