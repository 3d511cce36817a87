package dev.duckstring.bench;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.manifest.DuckDbLimits;
import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.model.DataTest;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.TestResult;
import dev.duckstring.runner.DataTestQueries;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Figure 3: the demo pipeline (inlet -> pond -> outlet) with its orders scaled to N rows, pulsed
 * end to end by the daemon, against the floor: the same SQL run in one DuckDB JDBC connection in
 * this JVM with the daemon's default DuckDB settings, writing (and forcing) the same Parquet files,
 * running the same data tests (each Pond's pond.toml checks and tests/*.sql, as the daemon runs
 * them before each publish: decision 64) and the same report command.
 */
final class Throughput {
  private static final String ORDERS_RANGE = "range(1, 200001)";
  private final Env env;
  private final Report report;

  /** Per Ripple of the last measured pulse, and per statement of the last floor: name to ms. */
  private final Map<String, Double> rippleMs = new TreeMap<>();

  private final Map<String, Double> floorMs = new TreeMap<>();

  /** Per Pond of the last measured pulse: the sum of its data tests' ms in the daemon. */
  private final Map<String, Double> testMs = new TreeMap<>();

  Throughput(Env env, Report report) {
    this.env = env;
    this.report = report;
  }

  void run(List<Long> sizes) throws Exception {
    for (long n : sizes) {
      long free = env.freeDisk();
      long need = n * 100; // generous: orders, sales, their copies in the floor and staging
      if (free < need) {
        report.skip(
            "3 throughput",
            n + " rows",
            "needs about " + need / (1L << 30) + " GiB free, " + free / (1L << 30) + " GiB left");
        continue;
      }
      Path base = env.dir("throughput-" + n);
      try {
        Path demos = copyDemos(base.resolve("projects"), n);
        double[] pipeline = pipeline(base, demos);
        double floor = floor(base.resolve("floor"), demos);
        Map<String, Object> sz = Map.of("rows", n);
        // Issue 14's target: at most 1.10x the floor at 1M and 10M rows, at most 1.0x at 50M.
        boolean atFifty = n >= 50_000_000L;
        report.add(
            Figure.of("3 throughput", "demo pipeline end to end", sz, pipeline[0], "ms")
                .withFloor(floor, "same SQL, data tests and DuckDB settings in one JDBC connection")
                .withTarget(atFifty ? "ratio <= 1.0" : "ratio <= 1.10", atFifty ? 1.0 : 1.10, true)
                .withNote(
                    Report.num(n / (pipeline[0] / 1000.0) / 1e6)
                        + " M rows/s through the pipeline; Ripples busy "
                        + Report.num(pipeline[2])
                        + " ms (union of their started..ended, incl. the fsync of each output),"
                        + " the daemon alone "
                        + Report.num(pipeline[0] - pipeline[2])
                        + " ms; per Ripple, daemon/floor ms: "
                        + perRipple()
                        + "; data tests per Pond, daemon/floor ms: "
                        + perPond()
                        + "; the floor without its data tests "
                        + Report.num(floor - floorTests())
                        + " ms"));
        report.add(
            Figure.of("3 throughput", "daemon peak RSS", sz, pipeline[1] / (1024.0 * 1024.0), "MiB")
                .withNote("VmHWM of the daemon JVM, including DuckDB's native memory"));
      } finally {
        Env.deleteTree(base);
      }
    }
  }

  /** The three demo Pond projects with {@code n} orders. */
  Path copyDemos(Path dir, long n) throws IOException {
    for (String p : new String[] {"inlet", "pond", "outlet"}) {
      Path from = env.checkout().resolve("demos").resolve(p);
      try (var s = Files.walk(from)) {
        for (Path f : s.toList()) {
          Path to = dir.resolve(p).resolve(from.relativize(f).toString());
          if (Files.isDirectory(f)) {
            Files.createDirectories(to);
          } else {
            Files.copy(f, to);
          }
        }
      }
    }
    Path orders = dir.resolve("inlet/src/orders.sql");
    String sql = Files.readString(orders);
    if (!sql.contains(ORDERS_RANGE)) {
      throw new IllegalStateException(
          orders + " no longer contains " + ORDERS_RANGE + "; update the benchmark");
    }
    Files.writeString(orders, sql.replace(ORDERS_RANGE, "range(1, " + (n + 1) + ")"));
    return dir;
  }

  /**
   * Wall ms from the pulse landing to the Outlet's run ending, the daemon's peak RSS, and the ms
   * during which at least one Ripple of the pulse was executing.
   */
  private double[] pipeline(Path base, Path demos) throws Exception {
    CatchmentLayout layout =
        Daemons.create(base.resolve("root"), Daemons.config("bench", true, Duration.ofSeconds(2)));
    Ponds.deploy(
        layout,
        Ponds.write(
            base.resolve("warm"),
            "pond.toml",
            Ponds.toml("warm", "inlet", List.of(), ""),
            "src/t.sql",
            "SELECT 1 AS x\n"));
    for (String p : new String[] {"inlet", "pond", "outlet"}) {
      Ponds.deploy(layout, demos.resolve(p));
    }
    try (Daemons d = Daemons.start(env, layout, "bench")) {
      Ponds.drop(layout, "warm", "pulse"); // loads DuckDB and warms the daemon up
      Ponds.awaitRuns(layout, "warm", 1, Duration.ofSeconds(60));
      Instant t0 = Ponds.drop(layout, "outlet", "pulse");
      Ponds.awaitRuns(layout, "outlet", 1, Duration.ofHours(1));
      RunRecord r = Ponds.last(layout, "outlet");
      if (r.state() != RunOutcome.SUCCESS) {
        throw new IllegalStateException("the outlet's run failed: " + r.error());
      }
      List<Instant[]> busy = new ArrayList<>();
      for (String p : new String[] {"inlet", "pond", "outlet"}) {
        for (RunRecord run : Ponds.runs(layout, p)) {
          if (!run.started().isBefore(t0)) {
            for (RunRecord.RippleRun rr : run.ripples()) {
              busy.add(new Instant[] {rr.started(), rr.ended()});
              rippleMs.put(rr.name(), Ponds.ms(rr.started(), rr.ended()));
            }
            testMs.put(p, run.tests().stream().mapToDouble(TestResult::millis).sum());
          }
        }
      }
      return new double[] {Ponds.ms(t0, r.ended()), d.peakRss(), Overhead.union(busy)};
    }
  }

  /** The same SQL, in order, in one connection; views over the Parquet files just written. */
  private double floor(Path out, Path demos) throws Exception {
    Files.createDirectories(out);
    long t0 = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:", floorSettings(out))) {
      copy(c, demos.resolve("inlet/src/customers.sql"), out.resolve("inlet/customers"));
      copy(c, demos.resolve("inlet/src/orders.sql"), out.resolve("inlet/orders"));
      view(c, "customers", out.resolve("inlet/customers"));
      view(c, "orders", out.resolve("inlet/orders"));
      tests(c, demos, "inlet");
      exec(c, "CREATE SCHEMA inlet");
      view(c, "inlet.customers", out.resolve("inlet/customers"));
      view(c, "inlet.orders", out.resolve("inlet/orders"));
      copy(c, demos.resolve("pond/src/sales.sql"), out.resolve("pond/sales"));
      view(c, "sales", out.resolve("pond/sales"));
      copy(c, demos.resolve("pond/src/regions.sql"), out.resolve("pond/regions"));
      view(c, "regions", out.resolve("pond/regions"));
      tests(c, demos, "pond");
      exec(c, "CREATE SCHEMA pond");
      view(c, "pond.sales", out.resolve("pond/sales"));
      copy(c, demos.resolve("outlet/src/daily.sql"), out.resolve("outlet/daily"));
      view(c, "daily", out.resolve("outlet/daily"));
      tests(c, demos, "outlet");
    }
    long r0 = System.nanoTime();
    Path report = Files.createDirectories(out.resolve("outlet/report"));
    ProcessBuilder pb =
        new ProcessBuilder("sh", "report.sh").directory(demos.resolve("outlet").toFile());
    pb.environment().put("DUCKSTRING_OUT", report.toString());
    pb.environment().put("DUCKSTRING_F", Instant.now().toString());
    pb.environment().put("DUCKSTRING_INPUT_DAILY", out.resolve("outlet/daily").toString());
    pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    if (pb.start().waitFor() != 0) {
      throw new IllegalStateException("report.sh failed in the floor");
    }
    floorMs.put("report", (System.nanoTime() - r0) / 1e6);
    return (System.nanoTime() - t0) / 1e6;
  }

  /**
   * The daemon's default DuckDB settings (decision 64): its memory limit, a thread per core, and a
   * spill directory of the floor's own. With DuckDB's own default limit (75% of RAM) the floor's
   * data tests took up to 4x as long as the daemon's at 50M rows, which measured the setting, not
   * the daemon.
   */
  private static Properties floorSettings(Path out) {
    Properties p = new Properties();
    p.setProperty("memory_limit", DuckDbLimits.DEFAULT.memoryLimitSetting());
    p.setProperty("temp_directory", out.resolve(".tmp-duckdb").toString());
    return p;
  }

  private void copy(Connection c, Path sqlFile, Path dir) throws IOException, SQLException {
    long t = System.nanoTime();
    Files.createDirectories(dir);
    String sql = Files.readString(sqlFile).strip();
    Path file = dir.resolve(dir.getFileName() + ".parquet");
    exec(c, "COPY (\n" + sql + "\n) TO '" + file + "' (FORMAT parquet)");
    // The daemon forces every output before it is published (decision 62); so does the floor.
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(true);
    }
    floorMs.put(dir.getFileName().toString(), (System.nanoTime() - t) / 1e6);
  }

  /**
   * Runs {@code pond}'s data tests as the daemon does, each as {@code SELECT count(*)} over the
   * query returning its violating rows (the bare table names are views made by the caller), and
   * fails if one finds a row.
   */
  private void tests(Connection c, Path demos, String pond) throws Exception {
    long t = System.nanoTime();
    Path project = demos.resolve(pond);
    for (DataTest test : ManifestReader.read(project).tests()) {
      String query =
          test.kind() == DataTest.Kind.SQL
              ? Files.readString(project.resolve(test.file())).strip()
              : DataTestQueries.compile(test);
      long bad = count(c, "SELECT count(*) FROM (\n" + query + "\n)");
      if (bad != 0) {
        throw new IllegalStateException(pond + "'s test " + test.name() + " fails in the floor");
      }
    }
    floorMs.put("tests " + pond, (System.nanoTime() - t) / 1e6);
  }

  /** The floor's data tests, ms. */
  private double floorTests() {
    return floorMs.entrySet().stream()
        .filter(e -> e.getKey().startsWith("tests "))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  /** {@code inlet 3100/2900, pond ...}: each Pond's data tests in the daemon and in the floor. */
  private String perPond() {
    return pairs(testMs, pond -> Report.num(floorMs.getOrDefault("tests " + pond, 0.0)));
  }

  /** {@code customers 40/35, orders ...}: each Ripple's time in the daemon and in the floor. */
  private String perRipple() {
    return pairs(rippleMs, name -> floorMs.containsKey(name) ? Report.num(floorMs.get(name)) : "-");
  }

  /** {@code key daemon/floor, ...} for each of {@code daemon}, the floor's figure by its key. */
  private static String pairs(Map<String, Double> daemon, Function<String, String> floor) {
    StringBuilder b = new StringBuilder();
    daemon.forEach(
        (key, ms) ->
            b.append(b.length() == 0 ? "" : ", ")
                .append(key)
                .append(' ')
                .append(Report.num(ms))
                .append('/')
                .append(floor.apply(key)));
    return b.toString();
  }

  private static void view(Connection c, String name, Path dir) throws SQLException {
    exec(
        c,
        "CREATE VIEW "
            + name
            + " AS SELECT * FROM read_parquet('"
            + dir.resolve(dir.getFileName() + ".parquet")
            + "')");
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  static long count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }
}
