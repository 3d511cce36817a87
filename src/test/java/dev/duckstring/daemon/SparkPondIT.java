package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.runner.SparkLibs;
import dev.duckstring.runner.TestDuck;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo chain with its middle Pond on Spark local[2] (decision 56): the same rows as DuckDB
 * gives, and a Spark analysis error fails the run and keeps the last good generation. Needs 'make
 * spark'.
 */
class SparkPondIT {
  static final LineId POND = LineId.parse("pond@1");
  static final Duration SPARK_PATIENCE = Duration.ofMinutes(8);

  /**
   * The drivers of these tests run on C1 alone ({@code [spark] java_options}): their data is tiny,
   * so C2's compiling only costs CPU that a busy CI machine shares with the soak (docs/testing.md).
   */
  static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

  /** {@link #C1_ONLY} as catchment.toml's {@code [spark] java_options}. */
  static final String QUICK_DRIVER = "java_options = [\"" + C1_ONLY + "\"]";

  @TempDir Path tmp;

  @BeforeEach
  void needsSpark() {
    SparkLibs libs = SparkLibs.located();
    assumeTrue(libs.present(), () -> "skipped: " + libs.missing());
  }

  /** A Catchment with {@code [spark] master = "local[2]"} and the demo chain run once on DuckDB. */
  static TestCatchment demoChainOnDuckDb(Path tmp) throws Exception {
    return demoChainOnDuckDb(onSparkLocal(tmp));
  }

  /** {@code c} with the demo chain deployed and its middle Pond run once on DuckDB. */
  static TestCatchment demoChainOnDuckDb(TestCatchment c) throws Exception {
    c.deployDemos();
    c.cli("pulse", "dev", "pond").ok();
    c.awaitRuns("pond@1", 1);
    return c;
  }

  /**
   * Waits for {@code line}'s status to pass {@code test}, longer than {@link
   * TestCatchment#PATIENCE}: each Spark Ripple starts a JVM and a Spark session, tens of seconds on
   * a busy two-core machine.
   */
  static LineStatus awaitSpark(TestCatchment c, String line, Predicate<LineStatus> test)
      throws InterruptedException {
    long deadline = System.nanoTime() + SPARK_PATIENCE.toNanos();
    LineStatus last = null;
    while (System.nanoTime() < deadline) {
      try {
        last = c.status(line);
      } catch (RuntimeException e) {
        last = null; // not written yet
      }
      if (last != null && test.test(last)) {
        return last;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("timed out waiting for " + line + "; last status: " + last);
  }

  /** The demo Pond redeployed as 1.0.1 with {@code engine = "spark"}, then pulsed. */
  static void onSpark(TestCatchment c, String salesSql) throws IOException {
    Path pond = c.cd("pond");
    Path toml = pond.resolve("pond.toml");
    Files.writeString(
        toml,
        Files.readString(toml)
            .replace("version = \"1.0.0\"", "version = \"1.0.1\"")
            .replace("type = \"pond\"", "type = \"pond\"\nengine = \"spark\""));
    if (salesSql != null) {
      Files.writeString(pond.resolve("src/sales.sql"), salesSql);
    }
    c.cli("deploy", "dev").ok();
    c.cli("pulse", "dev", "pond").ok();
  }

  static Path published(TestCatchment c, String table) throws IOException {
    String generation = Files.readString(c.layout().current(POND)).strip();
    return c.layout().generation(POND, generation).resolve(table).resolve(table + ".parquet");
  }

  @Test
  void theMiddlePondOnSparkGivesTheRowsDuckDbGives() throws Exception {
    try (TestCatchment c = demoChainOnDuckDb(tmp)) {
      assertSparkGivesDuckDbsRows(c, tmp);
    }
  }

  /**
   * Keeps the demo Pond's DuckDB tables, redeploys it on Spark, and checks that Spark's tables hold
   * the same rows: the same columns and types, every row as often, regions in the same order.
   */
  static void assertSparkGivesDuckDbsRows(TestCatchment c, Path tmp) throws Exception {
    Path duck = Files.createDirectories(tmp.resolve("duck"));
    for (String t : List.of("sales", "regions")) {
      Files.copy(published(c, t), duck.resolve(t + ".parquet"));
    }
    onSpark(c, null);
    LineStatus s = awaitSpark(c, "pond@1", x -> x.runsCompleted() >= 2 && x.runsInFlight() == 0);
    assertEquals(LineState.IDLE, s.state(), () -> String.valueOf(s.error()));
    RunRecord run = new RunRecords(c.layout()).recent(POND, 1).get(0);
    String log =
        Files.readString(
            c.root().resolve("ponds/pond/m1/runs").resolve(run.id()).resolve("sales.log"));
    assertTrue(log.contains("spark sql src/sales.sql: 200000 rows"), log);

    Path spark = published(c, "sales");
    String a = "'" + duck.resolve("sales.parquet") + "'";
    String b = "'" + spark + "'";
    // the same columns, in the same order, with the same types
    assertEquals(
        TestDuck.lines("DESCRIBE SELECT * FROM " + a),
        TestDuck.lines("DESCRIBE SELECT * FROM " + b));
    assertEquals(List.of("200000"), TestDuck.lines("SELECT count(*) FROM " + b));
    // row for row: every row of each is in the other, as often
    assertEquals(
        List.of("0"),
        TestDuck.lines("SELECT count(*) FROM (FROM " + a + " EXCEPT ALL FROM " + b + ")"));
    assertEquals(
        List.of("0"),
        TestDuck.lines("SELECT count(*) FROM (FROM " + b + " EXCEPT ALL FROM " + a + ")"));
    // regions is ordered by revenue: the same rows in the same order
    List<String> duckRegions = TestDuck.lines("FROM '" + duck.resolve("regions.parquet") + "'");
    assertEquals(5, duckRegions.size());
    assertEquals(duckRegions, TestDuck.lines("FROM '" + published(c, "regions") + "'"));
  }

  @Test
  void aSparkAnalysisErrorFailsTheRunAndKeepsTheLastGoodGeneration() throws Exception {
    try (TestCatchment c = demoChainOnDuckDb(tmp)) {
      String before = Files.readString(c.layout().current(POND));
      onSpark(c, "SELECT nope, order_id FROM inlet.orders\n");
      LineStatus s = awaitSpark(c, "pond@1", x -> x.state() == LineState.FAILED);
      assertTrue(s.error().contains("UNRESOLVED_COLUMN"), s.error());
      assertTrue(s.error().contains("nope"), s.error());
      assertFalse(s.error().contains("\n"), s.error());
      assertEquals(before, Files.readString(c.layout().current(POND)), "last good is kept");
      String q =
          c.cli("query", "dev", "pond", "--sql", "SELECT count(*) AS n FROM sales").ok().out();
      assertTrue(q.contains("200000"), q);
      String status = c.cli("status", "dev").exits(1).out();
      assertTrue(status.contains("UNRESOLVED_COLUMN"), status);
      RunRecord run = new RunRecords(c.layout()).recent(POND, 1).get(0);
      assertTrue(run.error().contains("UNRESOLVED_COLUMN"), run.error());
      String log =
          Files.readString(
              c.root().resolve("ponds/pond/m1/runs").resolve(run.id()).resolve("sales.log"));
      assertTrue(log.contains("AnalysisException"), "the full trace is in the log");
    }
  }

  /** A started Catchment whose catchment.toml says {@code [spark] master = "local[2]"}. */
  static TestCatchment onSparkLocal(Path tmp) throws Exception {
    return withSpark(tmp, "master = \"local[2]\"");
  }

  /**
   * A started Catchment whose catchment.toml's {@code [spark]} holds {@code setting} and {@link
   * #QUICK_DRIVER}.
   */
  static TestCatchment withSpark(Path tmp, String setting) throws Exception {
    TestCatchment c = new TestCatchment(tmp);
    c.start();
    c.stop();
    Path config = c.layout().config();
    Files.writeString(
        config, Files.readString(config) + "\n[spark]\n" + setting + "\n" + QUICK_DRIVER + "\n");
    c.start();
    return c;
  }
}
