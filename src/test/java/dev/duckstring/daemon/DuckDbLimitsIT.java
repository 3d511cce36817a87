package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * catchment.toml's {@code duckdb_memory_limit} and {@code duckdb_threads} reach the DuckDB the
 * daemon's SQL Ripples and data tests run on, and without them its chosen defaults do; each
 * database spills into its own directory under the Catchment's {@code cache/duckdb} (decisions 54
 * and 64).
 */
class DuckDbLimitsIT {
  private static final LineId LINE = new LineId("probe", 1);
  private static final String SQL =
      "SELECT current_setting('memory_limit') AS m, CAST(current_setting('threads') AS VARCHAR) AS t,"
          + " current_setting('temp_directory') AS d";

  /**
   * A data test that fails unless its DuckDB has the Ripple's limit and threads and a spill
   * directory of its own beside the Ripple's.
   */
  private static final String TEST =
      "SELECT * FROM probe WHERE m <> current_setting('memory_limit')"
          + " OR t <> CAST(current_setting('threads') AS VARCHAR)"
          + " OR d = current_setting('temp_directory')"
          + " OR NOT regexp_full_match(current_setting('temp_directory'),"
          + " '.*/cache/duckdb/db-[0-9]+-[0-9]+')";

  @TempDir Path tmp;

  @Test
  void theSharedDuckDbRunsWithTheConfiguredLimitsAndTheDefaultsOtherwise() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Path p = c.cd("p");
      Projects.write(p, "pond.toml", Projects.toml("probe", "1.0.0"), "src/probe.sql", SQL);
      Files.createDirectories(p.resolve("tests"));
      Files.writeString(p.resolve("tests/settings.sql"), TEST);
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "probe").ok();
      c.awaitRuns("probe@1", 1);
      assertEquals(
          "256.0 MiB/" + Runtime.getRuntime().availableProcessors(),
          settings(c),
          "the defaults: 256MB, one thread per core");
      String spill = spill(c);
      Path mine = c.layout().duckdbSpill().toAbsolutePath();
      assertTrue(
          spill.matches(Pattern.quote(mine.toString()) + "/db-[0-9]+-[0-9]+"),
          spill + " is a directory of the Ripples' own under " + mine);
      c.stop();
      Files.createDirectories(c.layout().duckdbSpill().resolve("db-1-1"));
      Files.writeString(c.layout().duckdbSpill().resolve("db-1-1/stale.tmp"), "x");

      Files.writeString(
          c.layout().config(),
          "duckdb_memory_limit = \"96MB\"\nduckdb_threads = 1\n",
          StandardOpenOption.APPEND);
      c.start();
      c.cli("pulse", "dev", "probe").ok();
      c.awaitRuns("probe@1", 2);
      assertEquals("96.0 MiB/1", settings(c));
      assertFalse(
          Files.exists(c.layout().duckdbSpill().resolve("db-1-1")),
          "a start empties cache/duckdb of what a gone daemon left");
    }
  }

  /** The published probe's spill directory. */
  private static String spill(TestCatchment c) throws Exception {
    return value(c, "d");
  }

  /** The published probe's memory limit and threads, as "m/t". */
  private static String settings(TestCatchment c) throws Exception {
    return value(c, "m || '/' || t");
  }

  private static String value(TestCatchment c, String expr) throws Exception {
    String generation = Files.readString(c.layout().current(LINE)).strip();
    Path file = c.layout().generation(LINE, generation).resolve("probe/probe.parquet");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = db.createStatement();
        ResultSet r = s.executeQuery("SELECT " + expr + " FROM read_parquet('" + file + "')")) {
      r.next();
      return r.getString(1);
    }
  }
}
