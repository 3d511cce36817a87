package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ripples on one runner share a DuckDB, and none sees a view or catalog of another (decision 53).
 */
class SharedDuckTest {
  @TempDir Path dir;
  final SqlRippleRunner runner = new SqlRippleRunner(DuckDbOptions.defaults().withThreads(1));

  @AfterEach
  void close() {
    runner.close();
  }

  /** A Source generation holding table {@code t} with one row {@code x = value}. */
  private Path generation(String name, int value) throws Exception {
    Path g = dir.resolve("src/" + name);
    TestDuck.parquet(g.resolve("t/t.parquet"), "SELECT " + value + " AS x");
    return g;
  }

  /** An own Ripple output directory {@code v/} holding {@code v.parquet} with {@code x = value}. */
  private Path own(String name, int value) throws Exception {
    Path d = dir.resolve("own/" + name + "/v");
    TestDuck.parquet(d.resolve("v.parquet"), "SELECT " + value + " AS x");
    return d;
  }

  private String run(String ripple, String sql, Map<String, Path> sources, Map<String, Path> own)
      throws Exception {
    Path out = Files.createDirectories(dir.resolve("out/" + ripple + "-" + System.nanoTime()));
    SqlRippleResult r = runner.run(new SqlRipple(ripple, sql, sources, own, out));
    return TestDuck.rows("SELECT * FROM '" + r.file() + "'").toString();
  }

  @Test
  void twoRipplesDefiningTheSameViewsEachSeeTheirOwn() throws Exception {
    Path g1 = generation("g1", 1);
    Path g2 = generation("g2", 2);
    String sql = "SELECT x FROM a.t";
    assertEquals("[[1]]", run("r", sql, Map.of("a", g1), Map.of()));
    assertEquals("[[2]]", run("r", sql, Map.of("a", g2), Map.of()));
    assertEquals("[[1]]", run("r", sql, Map.of("a", g1), Map.of()));
    assertEquals("[[10]]", run("r", "SELECT x FROM v", Map.of(), Map.of("v", own("o1", 10))));
    assertEquals("[[20]]", run("r", "SELECT x FROM v", Map.of(), Map.of("v", own("o2", 20))));
    assertEquals(0, runner.shared().strayCatalogs());
  }

  /** The views, tables and schemas in the kept connection's catalog besides DuckDB's own. */
  private List<String> leftInKeptCatalog() throws Exception {
    try (SharedDuck.Scope kept = runner.shared().open();
        var s = kept.connection().createStatement();
        var r =
            s.executeQuery(
                "SELECT 'view ' || schema_name || '.' || view_name FROM duckdb_views()"
                    + " WHERE database_name = current_database() AND NOT internal"
                    + " UNION ALL SELECT 'table ' || schema_name || '.' || table_name"
                    + " FROM duckdb_tables() WHERE database_name = current_database()"
                    + " UNION ALL SELECT 'schema ' || schema_name FROM duckdb_schemas()"
                    + " WHERE database_name = current_database() AND NOT internal"
                    + " AND schema_name <> 'main' ORDER BY 1")) {
      List<String> left = new ArrayList<>();
      while (r.next()) {
        left.add(r.getString(1));
      }
      kept.keep(); // it only read the catalog
      return left;
    }
  }

  @Test
  void aRippleThatEndsWellHandsItsConnectionBackEmptied() throws Exception {
    Path g1 = generation("g1", 1);
    assertEquals(
        "[[11]]",
        run(
            "r",
            "SELECT a.t.x + v.x AS x FROM a.t, v",
            Map.of("a", g1),
            Map.of("v", own("o", 10))));
    assertEquals(1, runner.shared().kept(), "the next Ripple reuses the connection");
    String catalog;
    try (SharedDuck.Scope kept = runner.shared().open()) {
      catalog = kept.catalog();
      kept.keep();
    }
    assertEquals(List.of(), leftInKeptCatalog());
    assertEquals("[[1]]", run("r", "SELECT x FROM a.t", Map.of("a", g1), Map.of()));
    try (SharedDuck.Scope kept = runner.shared().open()) {
      assertEquals(catalog, kept.catalog(), "one connection and catalog served every Ripple");
    }
    assertEquals(0, runner.shared().kept(), "closed without keep(): detached");
    assertEquals(0, runner.shared().strayCatalogs());
  }

  @Test
  void aRippleThatFailsDetachesItsCatalogAndTheNextGetsAFreshOne() throws Exception {
    Path g1 = generation("g1", 1);
    assertEquals("[[1]]", run("r", "SELECT x FROM a.t", Map.of("a", g1), Map.of()));
    String first;
    try (SharedDuck.Scope kept = runner.shared().open()) {
      first = kept.catalog();
      kept.keep();
    }
    assertThrows( // fails after its views were made, on the kept connection
        RippleFailure.class, () -> run("r", "SELECT nosuch FROM a.t", Map.of("a", g1), Map.of()));
    assertEquals(0, runner.shared().kept());
    assertEquals(0, runner.shared().strayCatalogs());
    assertEquals("[[1]]", run("r", "SELECT x FROM a.t", Map.of("a", g1), Map.of()));
    try (SharedDuck.Scope kept = runner.shared().open()) {
      assertTrue(!kept.catalog().equals(first), kept.catalog());
      kept.keep();
    }
    assertEquals(List.of(), leftInKeptCatalog());
  }

  @Test
  void aViewOfAnEarlierRippleIsGoneForTheNext() throws Exception {
    assertEquals(
        "[[1]]", run("r", "SELECT x FROM a.t", Map.of("a", generation("g1", 1)), Map.of()));
    assertEquals("[[3]]", run("v", "SELECT x FROM v", Map.of(), Map.of("v", own("o", 3))));
    RippleFailure source =
        assertThrows(RippleFailure.class, () -> run("r", "SELECT x FROM a.t", Map.of(), Map.of()));
    assertTrue(source.getMessage().contains("\"a.t\" does not exist"), source.getMessage());
    RippleFailure table =
        assertThrows(RippleFailure.class, () -> run("r", "SELECT x FROM v", Map.of(), Map.of()));
    assertTrue(table.getMessage().contains("v does not exist"), table.getMessage());
    assertEquals(0, runner.shared().strayCatalogs());
  }

  @Test
  void failedAndTimedOutRipplesLeaveNothingBehind() throws Exception {
    Path g1 = generation("g1", 1);
    assertThrows(
        RippleFailure.class, () -> run("r", "SELECT nosuch FROM a.t", Map.of("a", g1), Map.of()));
    Path out = Files.createDirectories(dir.resolve("slow"));
    SqlRipple slow =
        new SqlRipple(
            "slow",
            "SELECT sum(range * range) FROM range(1000000000000)",
            Map.of("a", g1),
            Map.of(),
            out,
            Duration.ofMillis(200));
    assertThrows(RippleFailure.class, () -> runner.run(slow));
    assertEquals(0, runner.shared().strayCatalogs());
    assertEquals("[[1]]", run("r", "SELECT x FROM a.t", Map.of("a", g1), Map.of()));
  }

  @Test
  void concurrentRipplesOnOneDatabaseEachSeeTheirOwn() throws Exception {
    List<Path> gens = List.of(generation("g1", 1), generation("g2", 2));
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int me = w;
        results.add(
            pool.submit(
                () -> {
                  List<String> seen = new ArrayList<>();
                  for (int i = 0; i < 15; i++) {
                    seen.add(run("r", "SELECT x FROM a.t", Map.of("a", gens.get(me)), Map.of()));
                  }
                  return seen;
                }));
      }
      for (int w = 0; w < 2; w++) {
        for (String seen : results.get(w).get()) {
          assertEquals("[[" + (w + 1) + "]]", seen);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(0, runner.shared().strayCatalogs());
  }

  @Test
  void sqlIsParsedOnceAndBadSqlIsNeverKept() throws Exception {
    Path g1 = generation("g1", 1);
    Path g2 = generation("g2", 2);
    String sql =
        "WITH t AS (SELECT 5 AS x) SELECT x FROM a.t UNION ALL SELECT x FROM t ORDER BY x;";
    assertEquals("[[1], [5]]", run("r", sql, Map.of("a", g1), Map.of()));
    assertEquals("[[2], [5]]", run("r", sql, Map.of("a", g2), Map.of()));
    assertEquals(1, runner.parsedTexts());
    for (int i = 0; i < 2; i++) {
      RippleFailure e =
          assertThrows(
              RippleFailure.class, () -> run("r", "SELECT 1; SELECT 2", Map.of(), Map.of()));
      assertEquals("expected one SQL statement, found 2 (separated by ';')", e.getMessage());
    }
    assertEquals(1, runner.parsedTexts());
  }

  @Test
  void twoRipplesInOneWorkerDefiningOneViewNameWithDifferentSqlEachSeeTheirOwn() throws Exception {
    Path parquet = generation("g1", 1); // a.t is read_parquet(...) over x = 1
    Path csv = dir.resolve("src/g2");
    TestDuck.write(csv.resolve("t/part.csv"), "SELECT 'two' AS y", "csv"); // a.t is read_csv(...)
    Path own = own("o1", 10);
    for (int round = 0; round < 2; round++) { // one thread: Ripples of one worker, alternating
      assertEquals("[[1]]", run("r1", "SELECT x FROM a.t", Map.of("a", parquet), Map.of()));
      assertEquals("[[two]]", run("r2", "SELECT y FROM a.t", Map.of("a", csv), Map.of()));
      assertEquals("[[10]]", run("r3", "SELECT x FROM v", Map.of(), Map.of("v", own)));
      assertEquals(
          "[[99]]", run("r4", "WITH v AS (SELECT 99 AS x) SELECT x FROM v", Map.of(), Map.of()));
      RippleFailure gone =
          assertThrows(
              RippleFailure.class, () -> run("r5", "SELECT y FROM a.t", Map.of(), Map.of()));
      assertTrue(gone.getMessage().contains("\"a.t\" does not exist"), gone.getMessage());
    }
    assertEquals("[[10]]", run("r3", "SELECT x FROM v", Map.of(), Map.of("v", own)));
    assertEquals(1, runner.shared().kept(), "a Ripple that ended well hands its connection back");
    assertEquals(0, runner.shared().strayCatalogs());
  }

  @Test
  void aRipplesSqlCannotCreateSetOrAttachAnything() throws Exception {
    for (String sql :
        List.of(
            "SET threads = 1",
            "SET GLOBAL preserve_insertion_order = false",
            "SET VARIABLE leaked = 1",
            "RESET threads",
            "PRAGMA threads = 1",
            "CREATE TEMP TABLE leaked AS SELECT 1 AS x",
            "CREATE VIEW leaked AS SELECT 1 AS x",
            "ATTACH ':memory:' AS leaked",
            "USE memory",
            "SELECT 1 AS x; SET threads = 1",
            "SET threads = 1; SELECT 1 AS x")) {
      assertThrows(RippleFailure.class, () -> run("r", sql, Map.of(), Map.of()), sql);
    }
    assertEquals(
        "[[1, true, null]]",
        run(
            "r",
            "SELECT current_setting('threads') AS t,"
                + " current_setting('preserve_insertion_order') AS p, getvariable('leaked') AS v",
            Map.of(),
            Map.of()));
    assertEquals(0, runner.shared().strayCatalogs());
  }

  @Test
  void whatARipplesConnectionHeldIsGoneForTheNext() throws Exception {
    try (SharedDuck.Scope first = runner.shared().open()) {
      Duck.exec(first.connection(), "CREATE TEMP TABLE leaked AS SELECT 1 AS x");
      Duck.exec(first.connection(), "CREATE TABLE kept AS SELECT 1 AS x");
      Duck.exec(first.connection(), "SET VARIABLE leaked = 42");
      Duck.exec(first.connection(), "SET SESSION search_path = 'temp.main'");
      Duck.exec(first.connection(), "SET SESSION TimeZone = 'Asia/Kathmandu'");
    }
    String defaults = run("tz", "SELECT current_setting('TimeZone') AS z", Map.of(), Map.of());
    assertEquals(
        "[[null, false, false]]",
        run(
            "r",
            "SELECT getvariable('leaked') AS v, current_setting('search_path') = 'temp.main' AS p,"
                + " current_setting('TimeZone') = 'Asia/Kathmandu' AS z",
            Map.of(),
            Map.of()));
    assertTrue(!defaults.contains("Kathmandu"), defaults);
    for (String table : List.of("leaked", "temp.leaked", "kept")) {
      RippleFailure e =
          assertThrows(
              RippleFailure.class, () -> run("r", "SELECT x FROM " + table, Map.of(), Map.of()));
      assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }
    assertEquals(0, runner.shared().strayCatalogs());
  }
}
