package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duckstring.model.LineId;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * catchment.toml's {@code duckdb_memory_limit} and {@code duckdb_threads} reach the DuckDB the
 * daemon's SQL Ripples run on, and without them its chosen defaults do (decision 54).
 */
class DuckDbLimitsIT {
  private static final LineId LINE = new LineId("probe", 1);
  private static final String SQL =
      "SELECT current_setting('memory_limit') AS m, CAST(current_setting('threads') AS VARCHAR) AS t";

  @TempDir Path tmp;

  @Test
  void theSharedDuckDbRunsWithTheConfiguredLimitsAndTheDefaultsOtherwise() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Projects.write(c.cd("p"), "pond.toml", Projects.toml("probe", "1.0.0"), "src/probe.sql", SQL);
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "probe").ok();
      c.awaitRuns("probe@1", 1);
      assertEquals(
          "2.0 GiB/" + Runtime.getRuntime().availableProcessors(),
          settings(c),
          "the defaults: 2GB, one thread per core");
      c.stop();

      Files.writeString(
          c.layout().config(),
          "duckdb_memory_limit = \"96MB\"\nduckdb_threads = 1\n",
          StandardOpenOption.APPEND);
      c.start();
      c.cli("pulse", "dev", "probe").ok();
      c.awaitRuns("probe@1", 2);
      assertEquals("96.0 MiB/1", settings(c));
    }
  }

  /** The published probe's memory limit and threads, as "m/t". */
  private static String settings(TestCatchment c) throws Exception {
    String generation = Files.readString(c.layout().current(LINE)).strip();
    Path file = c.layout().generation(LINE, generation).resolve("probe/probe.parquet");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT m || '/' || t FROM read_parquet('" + file + "')")) {
      r.next();
      return r.getString(1);
    }
  }
}
