package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.DataTest.Kind;
import dev.duckstring.model.DataTest.Severity;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.TestResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every check kind compiled and run against crafted Parquet, SQL test files, errors, cancel. */
class DataTestRunnerTest {
  @TempDir Path dir;
  private Path project;
  private Map<String, Path> own;
  private Map<String, Path> sources;
  private final DataTestRunner runner = new DataTestRunner(DuckDbOptions.defaults().withThreads(1));

  @BeforeEach
  void data() throws Exception {
    project = Files.createDirectories(dir.resolve("project"));
    Path daily = dir.resolve("out/daily");
    TestDuck.parquet(
        daily.resolve("daily.parquet"),
        "SELECT * FROM (VALUES (1, 'a', 'open', 10), (2, 'a', 'closed', 20), (3, 'b', NULL, 30),"
            + " (4, 'b', 'open', 40)) t(id, grp, status, n)");
    Path dirty = dir.resolve("out/dirty");
    TestDuck.parquet(
        dirty.resolve("dirty.parquet"),
        "SELECT CASE WHEN range < 7 THEN NULL ELSE range END AS id, range % 2 AS a, 1 AS b,"
            + " CASE WHEN range = 9 THEN 'weird' ELSE 'open' END AS status FROM range(10)");
    Path empty = dir.resolve("out/empty");
    TestDuck.parquet(empty.resolve("empty.parquet"), "SELECT 1 AS id WHERE false");
    own = Map.of("daily", daily, "dirty", dirty, "empty", empty);
    Path source = dir.resolve("puddles/inlet");
    TestDuck.parquet(
        source.resolve("orders.parquet"),
        "SELECT * FROM (VALUES (1, 5.0), (2, -3.0)) t(id, revenue)");
    sources = Map.of("inlet", source);
  }

  private static DataTest check(String ripple, Kind kind, String... columns) {
    return DataTest.check(
        ripple, kind, Arrays.asList(columns), List.of(), null, Severity.ERROR, "pond.toml:7:12");
  }

  private static DataTest accepted(String ripple, String column, String... values) {
    return DataTest.check(
        ripple,
        Kind.ACCEPTED_VALUES,
        List.of(column),
        Arrays.asList(values),
        null,
        Severity.ERROR,
        "pond.toml:9:3");
  }

  private static DataTest rowCount(String ripple, String bound) {
    return DataTest.check(
        ripple, Kind.ROW_COUNT, List.of(), List.of(), bound, Severity.WARN, "pond.toml:4:13");
  }

  private DataTest sql(String name, String text) throws Exception {
    Files.createDirectories(project.resolve("tests"));
    Files.writeString(project.resolve("tests/" + name + ".sql"), text);
    return DataTest.sqlFile(name, Severity.ERROR);
  }

  private TestResult one(DataTest test) {
    List<TestResult> results = runner.run(List.of(test), project, own, sources, new Cancellation());
    assertEquals(1, results.size());
    TestResult r = results.get(0);
    assertEquals(test.name(), r.name());
    assertEquals(test.origin(), r.origin());
    assertEquals(test.severity(), r.severity());
    return r;
  }

  @AfterEach
  void close() {
    runner.close();
  }

  @Test
  void aRunHandsItsDatabaseOnEmptiedOfItsViewsAndOpensNoOther() throws Exception {
    assertTrue(one(sql("sees_daily", "SELECT * FROM daily WHERE n < 0")).passed());
    assertTrue(one(sql("sees_inlet", "SELECT * FROM inlet.orders WHERE id < 0")).passed());
    assertEquals(1, runner.kept());
    long opened = Duck.opened();
    own = Map.of("empty", dir.resolve("out/empty"));
    sources = Map.of();
    TestResult daily = one(sql("sees_daily", "SELECT * FROM daily WHERE n < 0"));
    assertTrue(daily.error().contains("Table with name daily does not exist"), daily.error());
    TestResult inlet = one(sql("sees_inlet", "SELECT * FROM inlet.orders WHERE id < 0"));
    assertTrue(inlet.error().contains("inlet"), inlet.error());
    assertTrue(one(rowCount("empty", "= 0")).passed());
    assertEquals(opened, Duck.opened(), "the next runs use the kept database");
    assertEquals(1, runner.kept());
  }

  @Test
  void aRunWhoseStatementFailedLeavesNothingForTheNext() throws Exception {
    TestResult broken = one(sql("broken", "SELECT CAST(grp AS INTEGER) FROM daily"));
    assertTrue(broken.error().startsWith("tests/broken.sql: Conversion Error"), broken.error());
    own = Map.of("empty", dir.resolve("out/empty"));
    TestResult daily = one(sql("sees_daily", "SELECT * FROM daily"));
    assertTrue(daily.error().contains("Table with name daily does not exist"), daily.error());
    assertTrue(one(rowCount("empty", "= 0")).passed());
  }

  @Test
  void notNullPassesAndFailsWithASampleOfFiveRows() {
    assertTrue(one(check("daily", Kind.NOT_NULL, "id")).passed());
    TestResult r = one(check("dirty", Kind.NOT_NULL, "id"));
    assertEquals("dirty.not_null.id", r.name());
    assertEquals(7, r.rows());
    assertEquals(List.of("id", "a", "b", "status"), r.columns());
    assertEquals(TestResult.SAMPLE, r.sample().size());
    assertNull(r.sample().get(0).get(0));
    assertNull(r.error());
    assertTrue(r.failsRun());
  }

  @Test
  void uniqueOnOneColumnAndOnACompositeKey() {
    assertTrue(one(check("daily", Kind.UNIQUE, "id")).passed());
    TestResult grp = one(check("daily", Kind.UNIQUE, "grp"));
    assertEquals(2, grp.rows());
    assertEquals(List.of("grp", "duplicates"), grp.columns());
    assertTrue(grp.sample().contains(List.of("a", "2")));
    assertTrue(one(check("daily", Kind.UNIQUE, "id", "grp")).passed());
    TestResult ab = one(check("dirty", Kind.UNIQUE, "a", "b"));
    assertEquals("dirty.unique.a+b", ab.name());
    assertEquals(2, ab.rows());
    assertEquals(List.of("a", "b", "duplicates"), ab.columns());
    assertTrue(ab.sample().contains(List.of("0", "1", "5")));
  }

  @Test
  void acceptedValuesLetsNullsPassAndComparesAsText() {
    TestResult ok = one(accepted("daily", "status", "open", "closed"));
    assertTrue(ok.passed(), ok.toString()); // row 3's NULL status passes
    TestResult bad = one(accepted("dirty", "status", "open"));
    assertEquals("dirty.accepted_values.status", bad.name());
    assertEquals(1, bad.rows());
    assertEquals(List.of("9", "1", "1", "weird"), bad.sample().get(0));
    assertTrue(one(accepted("daily", "n", "10", "20", "30", "40")).passed());
    assertEquals(1, one(accepted("daily", "n", "10", "20", "30")).rows());
  }

  @Test
  void rowCountComparesTheTableSize() {
    assertTrue(one(rowCount("daily", ">= 1")).passed());
    assertTrue(one(rowCount("daily", "=4")).passed());
    assertTrue(one(rowCount("daily", "< 5")).passed());
    assertTrue(one(rowCount("daily", "!= 0")).passed());
    TestResult empty = one(rowCount("empty", ">= 1"));
    assertEquals("empty.row_count", empty.name());
    assertEquals(1, empty.rows());
    assertEquals(List.of("row_count"), empty.columns());
    assertEquals(List.of(List.of("0")), empty.sample());
    assertFalse(empty.failsRun()); // severity warn
    assertEquals(1, one(rowCount("daily", "> 4")).rows());
  }

  @Test
  void checkQueriesAreTheDocumentedSql() {
    assertEquals(
        "SELECT * FROM \"daily\" WHERE \"id\" IS NULL",
        DataTestQueries.compile(check("daily", Kind.NOT_NULL, "id")));
    assertEquals(
        "SELECT \"a\", \"b\", count(*) AS duplicates FROM \"daily\" GROUP BY \"a\", \"b\""
            + " HAVING count(*) > 1",
        DataTestQueries.compile(check("daily", Kind.UNIQUE, "a", "b")));
    assertEquals(
        "SELECT * FROM \"daily\" WHERE \"status\" IS NOT NULL AND CAST(\"status\" AS VARCHAR)"
            + " NOT IN ('open', 'it''s')",
        DataTestQueries.compile(accepted("daily", "status", "open", "it's")));
    assertEquals(
        "SELECT count(*) AS row_count FROM \"daily\" HAVING NOT (count(*) >= 1)",
        DataTestQueries.compile(rowCount("daily", " >=  01 ")));
    DuckstringException e =
        assertThrows(
            DuckstringException.class, () -> DataTestQueries.compile(rowCount("daily", "1; DROP")));
    assertTrue(e.getMessage().startsWith("row_count must be a comparison"), e.getMessage());
  }

  @Test
  void aMissingColumnNamesTheCheckPositionAndTheColumns() {
    TestResult r = one(check("daily", Kind.NOT_NULL, "day"));
    assertEquals(
        "pond.toml:7:12: check not_null on 'daily': no column 'day' (columns: id, grp, status, n)",
        r.error());
    assertEquals(0, r.rows());
    assertTrue(r.failsRun());
    TestResult composite = one(check("daily", Kind.UNIQUE, "id", "nope"));
    assertTrue(composite.error().contains("no column 'nope'"), composite.error());
  }

  @Test
  void aCheckOnAMissingTableCarriesDuckDbsMessage() {
    TestResult r = one(check("gone", Kind.NOT_NULL, "id"));
    assertTrue(r.error().startsWith("pond.toml:7:12: check not_null on 'gone': Catalog Error"));
    assertFalse(r.error().contains("\n"));
  }

  @Test
  void sqlTestsSeeOwnTablesBareAndSourcesBySchema() throws Exception {
    assertTrue(one(sql("ok", "SELECT * FROM daily WHERE n < 0;\n-- none\n")).passed());
    TestResult r =
        one(sql("no_negative", "SELECT id, revenue FROM inlet.orders WHERE revenue < 0"));
    assertEquals("tests/no_negative.sql", r.origin());
    assertEquals(1, r.rows());
    assertEquals(List.of("id", "revenue"), r.columns());
    assertEquals(List.of(List.of("2", "-3.0")), r.sample());
    TestResult joined =
        one(sql("joined", "WITH d AS (SELECT * FROM daily) SELECT * FROM d JOIN dirty USING (id)"));
    assertTrue(joined.passed(), joined.toString());
  }

  @Test
  void aTestFileThatIsNotOneSelectIsAnErrorNamingTheFile() throws Exception {
    TestResult two = one(sql("two", "SELECT 1; SELECT 2"));
    assertEquals(
        "tests/two.sql: not one SELECT query: expected one SQL statement, found 2 (separated by"
            + " ';')",
        two.error());
    TestResult delete = one(sql("delete", "DELETE FROM daily"));
    assertTrue(delete.error().startsWith("tests/delete.sql: not one SELECT query: only a single"));
    TestResult missing = one(DataTest.sqlFile("absent", Severity.ERROR));
    assertTrue(missing.error().startsWith("tests/absent.sql: cannot read"), missing.error());
    DuckstringException e =
        assertThrows(
            DuckstringException.class,
            () -> DataTestRunner.checkFiles(List.of(sql("ok", "SELECT 1"), two()), project));
    assertTrue(e.getMessage().startsWith("tests/two.sql: not one SELECT query"), e.getMessage());
  }

  private static DataTest two() {
    return DataTest.sqlFile("two", Severity.ERROR);
  }

  @Test
  void aTestThatCannotRunCarriesDuckDbsOneLineMessage() throws Exception {
    TestResult r = one(sql("typo", "SELECT * FROM dialy"));
    assertTrue(r.error().startsWith("tests/typo.sql: Catalog Error: Table with name dialy"));
    assertFalse(r.error().contains("\n"));
    assertTrue(r.failsRun());
  }

  @Test
  void anUnreadableTableFailsOnlyTheTestsThatReadIt() throws Exception {
    Path corrupt = Files.createDirectories(dir.resolve("out/corrupt"));
    Files.writeString(corrupt.resolve("corrupt.parquet"), "not parquet");
    Path badSource = Files.createDirectories(dir.resolve("puddles/bad"));
    Files.writeString(badSource.resolve("t.parquet"), "not parquet either");
    Map<String, Path> withCorrupt = new HashMap<>(own);
    withCorrupt.put("corrupt", corrupt);
    Map<String, Path> withBad = new HashMap<>(sources);
    withBad.put("bad", badSource);
    List<DataTest> tests =
        List.of(
            check("corrupt", Kind.NOT_NULL, "id"),
            sql("reads_corrupt", "SELECT * FROM corrupt"),
            sql("reads_bad", "SELECT * FROM bad.t"),
            check("daily", Kind.NOT_NULL, "id"),
            sql("reads_inlet", "SELECT * FROM inlet.orders WHERE false"));
    List<TestResult> r = runner.run(tests, project, withCorrupt, withBad, new Cancellation());
    assertTrue(
        r.get(0)
            .error()
            .startsWith(
                "pond.toml:7:12: check not_null on 'corrupt': cannot read"
                    + " table 'corrupt' at "),
        r.get(0).error());
    assertTrue(r.get(1).error().startsWith("tests/reads_corrupt.sql: cannot read table 'corrupt'"));
    assertTrue(r.get(2).error().startsWith("tests/reads_bad.sql: cannot read table 'bad.t'"));
    assertFalse(r.get(2).error().contains("\n"));
    assertTrue(r.get(3).passed(), r.get(3).toString());
    assertTrue(r.get(4).passed(), r.get(4).toString());
  }

  @Test
  void resultsComeInOrderWithTheirTimes() throws Exception {
    List<DataTest> tests =
        List.of(check("dirty", Kind.NOT_NULL, "id"), sql("ok", "SELECT 1 WHERE false"));
    List<TestResult> results = runner.run(tests, project, own, sources, new Cancellation());
    assertEquals(
        List.of("dirty.not_null.id", "ok"), results.stream().map(TestResult::name).toList());
    assertTrue(results.stream().allMatch(r -> r.millis() >= 0));
    assertEquals(List.of(), runner.run(List.of(), project, own, sources, new Cancellation()));
  }

  @Test
  void cancellingStopsTheRunningQuery() throws Exception {
    DataTest slow = sql("slow", "SELECT range FROM range(1000000000000) WHERE range * range < 0");
    Cancellation cancellation = new Cancellation();
    CompletableFuture<List<TestResult>> running =
        CompletableFuture.supplyAsync(
            () -> runner.run(List.of(slow), project, own, sources, cancellation));
    Thread.sleep(500);
    cancellation.cancel();
    Exception e = assertThrows(Exception.class, () -> running.get(20, TimeUnit.SECONDS));
    assertTrue(e.getCause() instanceof CancellationException, e.toString());
    Cancellation before = new Cancellation();
    before.cancel();
    assertThrows(
        CancellationException.class,
        () -> runner.run(List.of(slow), project, own, sources, before));
  }
}
