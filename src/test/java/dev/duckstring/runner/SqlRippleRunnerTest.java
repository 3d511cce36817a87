package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.RunOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlRippleRunnerTest {
  @TempDir Path dir;
  Path shop;
  Path own;
  Path out;
  final SqlRippleRunner runner = new SqlRippleRunner(DuckDbOptions.defaults().withThreads(2));

  @BeforeEach
  void fixtures() throws Exception {
    shop = dir.resolve("shop/data/g1");
    TestDuck.parquet(
        shop.resolve("orders/orders.parquet"),
        "SELECT range AS id, range % 3 AS customer, range * 10 AS amount FROM range(10)");
    TestDuck.write(
        shop.resolve("customers/part.csv"),
        "SELECT * FROM (VALUES (0, 'ann'), (1, 'bob'), (2, 'cy')) t(id, name)",
        "csv");
    Files.createDirectories(shop.resolve("notes"));
    Files.writeString(shop.resolve("notes/readme.txt"), "not a table");
    own = dir.resolve("staging/vip");
    TestDuck.parquet(own.resolve("vip.parquet"), "SELECT 1 AS customer");
    out = Files.createDirectories(dir.resolve("staging/report"));
  }

  private SqlRipple ripple(String sql) {
    return new SqlRipple("report", sql, Map.of("shop", shop), Map.of("vip", own), out);
  }

  @Test
  void writesParquetJoiningSourceViewsAndOwnTables() throws Exception {
    SqlRippleResult result =
        runner.run(
            ripple(
                "-- revenue of VIP customers\n"
                    + "SELECT c.name, sum(o.amount)::BIGINT AS revenue\n"
                    + "FROM shop.orders o JOIN shop.customers c ON c.id = o.customer\n"
                    + "WHERE o.customer IN (SELECT customer FROM vip)\n"
                    + "GROUP BY c.name; -- done\n"));

    assertEquals(out.resolve("report.parquet"), result.file());
    assertEquals(1, result.rows());
    assertEquals(Files.size(result.file()), result.bytes());
    assertEquals(
        List.of(List.of("bob", "120")), TestDuck.rows("SELECT * FROM '" + result.file() + "'"));
    try (var files = Files.list(out)) {
      assertEquals(List.of(result.file()), files.toList());
    }
  }

  @Test
  void readsTheOutputsColumnsAsTheContractCheckDoes() {
    SqlRippleResult result =
        runner.run(
            ripple(
                "SELECT 1::HUGEINT AS big, 2.5::DECIMAL(9, 3) AS price, [1, 2] AS xs,"
                    + " {'a': 1, 'b': 'x'} AS s, TIMESTAMP '2026-01-01' AS at, gen_random_uuid() AS u"));
    assertEquals(
        TableSchemas.describe(Map.of("report", out)).get("report"),
        result.columns(),
        "the columns the Ripple read are those the publish's check would read from its file");
    assertEquals(
        List.of("big", "price", "xs", "s", "at", "u"), List.copyOf(result.columns().keySet()));
  }

  @Test
  void countsRowsOfLargeOutputs() {
    SqlRippleResult result = runner.run(ripple("SELECT range AS n FROM range(250000)"));
    assertEquals(250000, result.rows());
  }

  @Test
  void reportsDuckDbErrorsOnOneLine() {
    RippleFailure e =
        assertThrows(RippleFailure.class, () -> runner.run(ripple("SELECT * FROM nosuch")));
    assertEquals("report", e.ripple());
    assertTrue(
        e.getMessage().startsWith("Catalog Error: Table with name nosuch does not exist!"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(Files.exists(out.resolve("report.parquet")));
  }

  @Test
  void reportsParseErrorsWithPosition() {
    RippleFailure e =
        assertThrows(RippleFailure.class, () -> runner.run(ripple("SELECT 1\nFROM WHERE")));
    assertEquals(
        "Parser Error: syntax error at or near \"WHERE\" at line 2, column 6", e.getMessage());
  }

  @Test
  void rejectsDdlAndMultipleStatements() {
    RippleFailure ddl =
        assertThrows(RippleFailure.class, () -> runner.run(ripple("CREATE TABLE t AS SELECT 1")));
    assertTrue(ddl.getMessage().startsWith("only a single query"), ddl.getMessage());

    RippleFailure two =
        assertThrows(RippleFailure.class, () -> runner.run(ripple("SELECT 1; SELECT 2;")));
    assertEquals("expected one SQL statement, found 2 (separated by ';')", two.getMessage());

    RippleFailure empty =
        assertThrows(RippleFailure.class, () -> runner.run(ripple("-- nothing\n;")));
    assertEquals("no SQL statement found", empty.getMessage());
  }

  @Test
  void directoriesWithoutTablesAreNotViews() {
    RippleFailure e =
        assertThrows(RippleFailure.class, () -> runner.run(ripple("SELECT * FROM shop.notes")));
    assertTrue(e.getMessage().contains("Table with name notes does not exist"), e.getMessage());
  }

  @Test
  void keepsStringsAndCommentsThatLookLikeTheEnd() throws Exception {
    SqlRippleResult result =
        runner.run(
            ripple(
                "SELECT 'a;b -- c' AS s, $$x;y$$ AS d, \"id\" /* ; */ FROM shop.orders"
                    + " WHERE id = 0 /* trailing */ ;\n-- ; more\n"));
    assertEquals(
        List.of(List.of("a;b -- c", "x;y", "0")),
        TestDuck.rows("SELECT * FROM '" + result.file() + "'"));
  }

  @Test
  void timesOut() {
    SqlRipple slow =
        new SqlRipple(
            "report",
            "SELECT sum(range * range) FROM range(1000000000000)",
            Map.of(),
            Map.of(),
            out,
            Duration.ofMillis(200));
    RippleFailure e = assertThrows(RippleFailure.class, () -> runner.run(slow));
    assertEquals("timed out after 200ms", e.getMessage());
    assertEquals(RunOutcome.TIMED_OUT, e.outcome());
    assertFalse(Files.exists(out.resolve("report.parquet")));
  }

  @Test
  void cancelledBeforeStartFailsAsCancelled() {
    Cancellation cancellation = new Cancellation();
    cancellation.cancel();
    RippleFailure e =
        assertThrows(
            RippleFailure.class,
            () -> runner.run(ripple("SELECT range FROM range(1000000000000)"), cancellation));
    assertEquals("cancelled", e.getMessage());
  }
}
