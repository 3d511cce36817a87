package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.runner.ProcessGroup;
import dev.duckstring.runner.SparkLibs;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill} and a timeout of a long Spark Ripple stop its driver JVM and every process under it
 * (decision 56): none is left in the process list. Needs 'make spark'.
 */
class SparkStopIT {
  /** A query Spark takes minutes over on two cores. */
  static final String LONG = "SELECT count(*) AS n FROM range(0, 1000000000000) a\n";

  @TempDir Path tmp;
  private final List<ProcessHandle> drivers = new ArrayList<>();

  @BeforeEach
  void needsSpark() {
    SparkLibs libs = SparkLibs.located();
    assumeTrue(libs.present(), () -> "skipped: " + libs.missing());
    assumeTrue(ProcessGroup.supported(), "needs setsid and /proc (Linux)");
  }

  @AfterEach
  void killWhatATestLeftBehind() {
    drivers.forEach(ProcessHandle::destroyForcibly);
  }

  /** The Spark Ripple drivers running now (their command line names the driver's main class). */
  static List<ProcessHandle> sparkDrivers() {
    return ProcessHandle.allProcesses()
        .filter(
            h ->
                h.info()
                    .arguments()
                    .map(a -> List.of(a).contains("dev.duckstring.spark.SparkRippleMain"))
                    .orElse(false))
        .toList();
  }

  private TestCatchment slowPond(String ripplesToml) throws Exception {
    TestCatchment c = SparkPondIT.onSparkLocal(tmp);
    Projects.write(
        c.cd("slow"),
        "pond.toml",
        Projects.toml("slow", "1.0.0").replace("[pond]\n", "[pond]\nengine = \"spark\"\n")
            + ripplesToml,
        "src/t.sql",
        LONG);
    c.cli("deploy", "dev").ok();
    List<ProcessHandle> before = sparkDrivers();
    c.cli("pulse", "dev", "slow").ok();
    c.await(
        "the Spark driver to start",
        () -> sparkDrivers().stream().anyMatch(h -> !before.contains(h)));
    sparkDrivers().stream().filter(h -> !before.contains(h)).forEach(drivers::add);
    SparkPondIT.awaitSpark(c, "slow@1", s -> s.state() == LineState.RUNNING); // kill reads status
    return c;
  }

  @Test
  void killStopsTheSparkDriverJvm() throws Exception {
    try (TestCatchment c = slowPond("")) {
      assertTrue(c.cli("kill", "dev", "slow").ok().out().startsWith("kill sent to slow@1"));
      LineStatus s = SparkPondIT.awaitSpark(c, "slow@1", x -> x.state() == LineState.KILLED);
      assertEquals("killed by the operator", s.error());
      c.await(
          "the driver JVM to be gone", () -> drivers.stream().noneMatch(ProcessHandle::isAlive));
      assertFalse(drivers.isEmpty());
      assertTrue(sparkDrivers().stream().noneMatch(drivers::contains), "no Spark JVM is left");
    }
  }

  @Test
  void aTimeoutStopsTheSparkDriverJvm() throws Exception {
    try (TestCatchment c = slowPond("[ripples.t]\ntimeout = \"20s\"\n")) {
      LineStatus s = SparkPondIT.awaitSpark(c, "slow@1", x -> x.state() == LineState.FAILED);
      assertEquals("timed out after 20s", s.error());
      assertEquals(RunOutcome.TIMED_OUT, s.lastRun().outcome());
      c.await(
          "the driver JVM to be gone", () -> drivers.stream().noneMatch(ProcessHandle::isAlive));
      assertTrue(sparkDrivers().stream().noneMatch(drivers::contains), "no Spark JVM is left");
    }
  }
}
