package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.SparkSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark driver run by {@link SparkRippleRunner} on local[2] (needs 'make spark'). */
class SparkRippleRunnerIT {
  /**
   * local[2], its driver on C1 alone like the daemon ITs' (SparkPondIT.QUICK_DRIVER): the data is
   * tiny.
   */
  static final SparkSettings LOCAL =
      SparkSettings.local("local[2]").withJavaOptions(List.of("-XX:TieredStopAtLevel=1"));

  static SqlRippleRunner duck;

  @TempDir Path dir;
  Path inlet;
  final SparkLibs libs = SparkLibs.located();

  @BeforeAll
  static void open() {
    duck = new SqlRippleRunner(DuckDbOptions.defaults().withThreads(2));
  }

  @AfterAll
  static void close() {
    duck.close();
  }

  @BeforeEach
  void sources() throws IOException {
    assumeTrue(libs.present(), () -> "skipped: " + libs.missing());
    inlet = dir.resolve("inlet");
    Path orders = Files.createDirectories(inlet.resolve("orders"));
    duck.run(
        new SqlRipple(
            "orders",
            "SELECT o AS order_id, ['a', 'b', 'c'][1 + o % 3] AS region,"
                + " TIMESTAMP '2026-01-01 10:00:00' + INTERVAL (o) MINUTE AS at,"
                + " CAST(o AS DECIMAL(10, 2)) / 4 AS amount FROM range(1, 101) t(o)",
            Map.of(),
            Map.of(),
            orders));
  }

  @Test
  void runsTheQueryAndWritesOneParquetFileDuckDbReadsWithTheSameTypes() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path log = dir.resolve("run/agg.log");
    SqlRippleResult r =
        runner()
            .run(
                new SqlRipple(
                    "agg",
                    "-- per region\nSELECT region, count(*) AS n, max(at) AS last, sum(amount) AS"
                        + " total FROM inlet.orders GROUP BY region ORDER BY region;\n",
                    Map.of("inlet", inlet),
                    Map.of(),
                    out,
                    null),
                LOCAL,
                log,
                new Cancellation(),
                g -> {});
    assertEquals(3, r.rows());
    assertEquals(List.of("agg.parquet"), list(out));
    assertEquals(
        List.of(
            "a|33|2026-01-01 11:39:00.0|420.75",
            "b|34|2026-01-01 11:40:00.0|429.25",
            "c|33|2026-01-01 11:38:00.0|412.5"),
        TestDuck.lines("SELECT * FROM '" + out.resolve("agg.parquet") + "' ORDER BY region"));
    assertEquals(
        List.of("VARCHAR", "BIGINT", "TIMESTAMP", "DOUBLE"),
        TestDuck.lines(
            "SELECT column_type FROM (DESCRIBE SELECT * FROM '"
                + out.resolve("agg.parquet")
                + "')"));
    assertTrue(Files.size(log) >= 0);
  }

  @Test
  void ownTablesByBareName() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    SqlRippleResult r =
        runner()
            .run(
                new SqlRipple(
                    "top",
                    "SELECT order_id FROM orders WHERE order_id > 98 ORDER BY order_id",
                    Map.of(),
                    Map.of("orders", inlet.resolve("orders")),
                    out,
                    null),
                LOCAL,
                dir.resolve("run/top.log"),
                new Cancellation(),
                g -> {});
    assertEquals(2, r.rows());
    assertEquals(List.of("99", "100"), TestDuck.lines("SELECT * FROM '" + r.file() + "'"));
  }

  @Test
  void aLocalDriverLoadsSparkFromTheArchiveMakeSparkWrote() throws Exception {
    Path archive = libs.archive();
    assertTrue(Files.isRegularFile(archive), () -> "make spark writes " + archive);
    Path classes = dir.resolve("classes.txt");
    List<String> options = new ArrayList<>(LOCAL.javaOptions());
    options.add("-Xlog:class+load=info:file=" + classes);
    SparkSettings logged = LOCAL.withJavaOptions(options);
    Path out = Files.createDirectories(dir.resolve("out"));
    SqlRippleResult r =
        runner()
            .run(
                new SqlRipple("one", "SELECT 1 AS x", Map.of(), Map.of(), out, null),
                logged,
                dir.resolve("run/one.log"),
                new Cancellation(),
                g -> {});
    assertEquals(1, r.rows());
    String loaded = Files.readString(classes);
    assertTrue(
        loaded.contains("org.apache.spark.sql.SparkSession source: shared objects file (top)"),
        "Spark's session class came from the archive");
  }

  @Test
  void anAnalysisErrorIsOneLineAndTheTraceIsInTheLog() throws Exception {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path log = dir.resolve("run/bad.log");
    RippleFailure f =
        assertThrows(
            RippleFailure.class,
            () ->
                runner()
                    .run(
                        new SqlRipple(
                            "bad",
                            "SELECT nope FROM inlet.orders",
                            Map.of("inlet", inlet),
                            Map.of(),
                            out,
                            null),
                        LOCAL,
                        log,
                        new Cancellation(),
                        g -> {}));
    assertTrue(f.getMessage().contains("nope"), f.getMessage());
    assertTrue(f.getMessage().contains("UNRESOLVED_COLUMN"), f.getMessage());
    assertFalse(f.getMessage().contains("\n"), f.getMessage());
    assertEquals(RunOutcome.FAILED, f.outcome());
    assertTrue(Files.readString(log).contains("AnalysisException"), "the trace is in the log");
  }

  @Test
  void anUnreachableRemoteFailsWithAConnectionErrorAndNoDriverLeft() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    SparkSettings remote = new SparkSettings(null, "sc://127.0.0.1:" + port, Map.of(), null);
    Path out = Files.createDirectories(dir.resolve("out"));
    List<ProcessGroup> groups = new ArrayList<>();
    RippleFailure f =
        assertTimeoutPreemptively(
            Duration.ofMinutes(3), // a hang guard, not a figure
            () ->
                assertThrows(
                    RippleFailure.class,
                    () ->
                        runner()
                            .run(
                                new SqlRipple(
                                    "far", "SELECT 1 AS x", Map.of(), Map.of(), out, null),
                                remote,
                                dir.resolve("run/far.log"),
                                new Cancellation(),
                                groups::add)));
    assertTrue(
        f.getMessage().startsWith("cannot connect to Spark Connect at sc://127.0.0.1:"),
        f.getMessage());
    groups.forEach(g -> assertTrue(g.members().isEmpty(), "the driver's group is gone"));
  }

  SparkRippleRunner runner() {
    return new SparkRippleRunner(libs, dir);
  }

  static List<String> list(Path d) throws IOException {
    try (var s = Files.list(d)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
