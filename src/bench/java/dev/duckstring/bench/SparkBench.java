package dev.duckstring.bench;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.SparkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Figure 6 (issue 15, decision 56): the demo pipeline with its middle Pond on Spark local[2]
 * against the same pipeline on DuckDB, and the fixed cost of a Spark Ripple (a driver JVM and a
 * Spark session for {@code SELECT 1}). A figure, not a target; skipped without 'make spark'.
 */
final class SparkBench {
  static final String SECTION = "6 spark";
  private final Env env;
  private final Report report;

  SparkBench(Env env, Report report) {
    this.env = env;
    this.report = report;
  }

  /** True when 'make spark' has put the libraries where the daemon looks for them. */
  static boolean present(Env env) {
    return Files.isRegularFile(env.checkout().resolve("target/spark-lib/duckstring-spark.jar"));
  }

  void run(List<Long> sizes) throws Exception {
    if (!present(env)) {
      report.skip(SECTION, "(whole section)", "no target/spark-lib: run 'make spark'");
      return;
    }
    fixedCost();
    for (long n : sizes) {
      Path base = env.dir("spark-" + n);
      try {
        Path demos = new Throughput(env, report).copyDemos(base.resolve("projects"), n);
        double duck = pipeline(base.resolve("duck"), demos);
        Path toml = demos.resolve("pond/pond.toml");
        Files.writeString(
            toml,
            Files.readString(toml)
                .replace("type = \"pond\"", "type = \"pond\"\nengine = \"spark\""));
        double spark = pipeline(base.resolve("spark"), demos);
        report.add(
            Figure.of(
                    SECTION,
                    "demo pipeline, middle Pond on Spark local[2]",
                    Map.of("rows", n),
                    spark,
                    "ms")
                .withFloor(duck, "the same pipeline with the middle Pond on DuckDB")
                .withNote("a figure, not a target: where Spark pays off depends on the cluster"));
      } finally {
        Env.deleteTree(base);
      }
    }
  }

  /** The Ripple time of {@code SELECT 1 AS x} on Spark local[2], against DuckDB's. */
  private void fixedCost() throws Exception {
    Path base = env.dir("spark-fixed");
    try {
      double[] ms = new double[2];
      for (int i = 0; i < 2; i++) {
        String engine = i == 0 ? "" : "engine = \"spark\"\n";
        CatchmentLayout layout = catchment(base.resolve("root" + i));
        Ponds.deploy(
            layout,
            Ponds.write(
                base.resolve("one" + i),
                "pond.toml",
                Ponds.toml("one", "inlet", List.of(), "").replace("[pond]\n", "[pond]\n" + engine),
                "src/t.sql",
                "SELECT 1 AS x\n"));
        try (Daemons d = Daemons.start(env, layout, "bench")) {
          Ponds.drop(layout, "one", "pulse");
          Ponds.awaitRuns(layout, "one", 1, Duration.ofMinutes(10));
          RunRecord r = Ponds.last(layout, "one");
          if (r.state() != RunOutcome.SUCCESS) {
            throw new IllegalStateException("SELECT 1 failed: " + r.error());
          }
          RunRecord.RippleRun t = r.ripples().get(0);
          ms[i] = Ponds.ms(t.started(), t.ended());
        }
      }
      report.add(
          Figure.of(SECTION, "fixed cost of a Spark Ripple (SELECT 1)", Map.of(), ms[1], "ms")
              .withFloor(ms[0], "the same Ripple on DuckDB")
              .withNote("a driver JVM and a Spark session per run (decision 56)"));
    } finally {
      Env.deleteTree(base);
    }
  }

  private static CatchmentLayout catchment(Path root) {
    return Daemons.create(
        root,
        Daemons.config("bench", true, Duration.ofSeconds(2))
            .withSpark(SparkSettings.local("local[2]")));
  }

  /** Wall ms from a pulse of the Outlet to its run ending. */
  private double pipeline(Path base, Path demos) throws Exception {
    CatchmentLayout layout = catchment(base.resolve("root"));
    for (String p : new String[] {"inlet", "pond", "outlet"}) {
      Ponds.deploy(layout, demos.resolve(p));
    }
    try (Daemons d = Daemons.start(env, layout, "bench")) {
      Instant t0 = Ponds.drop(layout, "outlet", "pulse");
      Ponds.awaitRuns(layout, "outlet", 1, Duration.ofHours(1));
      RunRecord r = Ponds.last(layout, "outlet");
      if (r.state() != RunOutcome.SUCCESS) {
        throw new IllegalStateException("the outlet's run failed: " + r.error());
      }
      return Ponds.ms(t0, r.ended());
    }
  }
}
