package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryServiceTest {
  @TempDir Path dir;
  Path gen;
  final QueryService trusted =
      new QueryService(QueryOptions.trusted().withDuckDb(DuckDbOptions.defaults().withThreads(2)));

  @BeforeEach
  void fixtures() throws Exception {
    gen = dir.resolve("g1");
    TestDuck.parquet(
        gen.resolve("orders/orders.parquet"),
        "SELECT range AS id, range * 10 AS amount FROM range(10)");
    TestDuck.write(gen.resolve("customers/c.csv"), "SELECT 1 AS id, 'ann' AS name", "csv");
    Files.createDirectories(gen.resolve("notes"));
  }

  @Test
  void returnsRowsWithColumnNamesAndNulls() {
    QueryResult r =
        trusted.query(
            "shop",
            gen,
            "SELECT id, CASE WHEN id = 1 THEN NULL ELSE 'x' END AS v FROM orders ORDER BY id;",
            3);
    assertEquals(List.of("id", "v"), r.columns());
    assertEquals(List.of(List.of("0", "x"), Arrays.asList("1", null), List.of("2", "x")), r.rows());
    assertTrue(r.truncated());
  }

  @Test
  void truncatesOnlyWhenMoreRowsExist() {
    assertFalse(trusted.query("shop", gen, "SELECT * FROM orders", 10).truncated());
    assertEquals(10, trusted.query("shop", gen, "SELECT * FROM orders", 10).rows().size());
    QueryResult none = trusted.query("shop", gen, "SELECT * FROM orders", 0);
    assertEquals(List.of(), none.rows());
    assertTrue(none.truncated());
  }

  @Test
  void exposesBareAndPondQualifiedViews() {
    QueryResult r =
        trusted.query(
            "shop",
            gen,
            "SELECT c.name, count(*) AS n FROM shop.orders o JOIN customers c ON o.id = c.id"
                + " GROUP BY ALL",
            10);
    assertEquals(List.of(List.of("ann", "1")), r.rows());
  }

  @Test
  void rendersValuesAsDuckDbDoesAndKeepsDuplicateColumnNames() {
    QueryResult r =
        trusted.query(
            "shop",
            gen,
            "SELECT TIMESTAMP '2024-01-02 03:04:05' AS a, 1.50::DECIMAL(5, 2) AS a,"
                + " [1, 2] AS l, {'k': 'v'} AS s, 1e20::DOUBLE AS d",
            10);
    assertEquals(List.of("a", "a", "l", "s", "d"), r.columns());
    assertEquals(
        List.of(List.of("2024-01-02 03:04:05", "1.50", "[1, 2]", "{'k': v}", "1e+20")), r.rows());
  }

  @Test
  void reportsSqlErrorsOnOneLine() {
    DuckstringException e =
        assertThrows(
            DuckstringException.class,
            () -> trusted.query("shop", gen, "SELECT nope FROM orders", 10));
    assertTrue(
        e.getMessage().startsWith("Binder Error: Referenced column \"nope\" not found"),
        e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void exportsCsvJsonAndParquet() throws Exception {
    String sql = "SELECT id, amount FROM orders WHERE id < 3 ORDER BY id";
    Path csv = dir.resolve("out/a.csv");
    Path json = dir.resolve("out/a.json");
    Path parquet = dir.resolve("out/a.parquet");
    assertEquals(3, trusted.export("shop", gen, sql, ExportFormat.CSV, csv));
    assertEquals(3, trusted.export("shop", gen, sql, ExportFormat.JSON, json));
    assertEquals(3, trusted.export("shop", gen, sql, ExportFormat.PARQUET, parquet));

    assertEquals("id,amount\n0,0\n1,10\n2,20\n", Files.readString(csv));
    assertTrue(Files.readString(json).startsWith("["), Files.readString(json));
    List<List<String>> expected =
        List.of(List.of("0", "0"), List.of("1", "10"), List.of("2", "20"));
    assertEquals(expected, TestDuck.rows("SELECT * FROM read_json('" + json + "') ORDER BY id"));
    assertEquals(expected, TestDuck.rows("SELECT * FROM '" + parquet + "' ORDER BY id"));
    try (var files = Files.list(dir.resolve("out"))) {
      assertEquals(3, files.count(), "no temporary files are left behind");
    }
  }

  @Test
  void lockedDownServiceStillQueriesThePublishedData() {
    QueryService locked = new QueryService(QueryOptions.lockedDown(Duration.ofSeconds(5)));
    assertEquals(
        List.of(List.of("10")), locked.query("shop", gen, "SELECT count(*) FROM orders", 5).rows());
    assertEquals(
        List.of(List.of("1")),
        locked.query("shop", gen, "SELECT count(*) FROM shop.customers", 5).rows());
  }

  @Test
  void lockedDownServiceRefusesExports() {
    QueryService locked = new QueryService(QueryOptions.lockedDown(Duration.ofSeconds(5)));
    Path file = dir.resolve("x.csv");
    assertThrows(
        DuckstringException.class,
        () -> locked.export("shop", gen, "SELECT 1", ExportFormat.CSV, file));
    assertFalse(Files.exists(file));
  }

  @Test
  void aByteBudgetCutsTheRowsBeforeTheirCostPassesIt() {
    String sql = "SELECT id, repeat('x', 1000) AS s, 'a\"b' AS s FROM orders ORDER BY id";
    QueryResult all = trusted.query("shop", gen, sql, 100, Long.MAX_VALUE);
    assertEquals(10, all.rows().size());
    long perRow = QueryService.cost(all.rows().get(0));
    assertEquals(16 + 3 * 12 + 1 + 1000 + 4, perRow, "the quote is escaped in JSON");
    QueryResult cut = trusted.query("shop", gen, sql, 100, 3 * perRow + 5);
    assertEquals(
        all.rows().subList(0, 3), cut.rows(), "whole rows, in order, duplicate names kept");
    assertEquals(List.of("id", "s", "s"), cut.columns());
    assertTrue(cut.truncated());
    assertTrue(cut.byteLimited());
    QueryResult exact = trusted.query("shop", gen, sql, 100, 10 * perRow);
    assertEquals(10, exact.rows().size());
    assertFalse(exact.truncated());
    QueryResult rows = trusted.query("shop", gen, sql, 2, 10 * perRow);
    assertTrue(rows.truncated());
    assertFalse(rows.byteLimited(), "cut by the row limit");
    QueryResult none = trusted.query("shop", gen, "SELECT repeat('x', 100000) AS s", 1, 1000);
    assertEquals(List.of(), none.rows());
    assertTrue(none.byteLimited());
  }

  @Test
  void aLockedDownQueryNeverSpillsToDisk() {
    QueryService locked = new QueryService(QueryOptions.lockedDown(Duration.ofSeconds(30)));
    QueryResult r = locked.query("shop", gen, "SELECT current_setting('temp_directory') AS t", 1);
    assertEquals(List.of(List.of("")), r.rows());
  }
}
