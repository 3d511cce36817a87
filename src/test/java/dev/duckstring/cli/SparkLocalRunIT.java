package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duckstring.runner.SparkLibs;
import dev.duckstring.runner.TestDuck;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pond run} of a Spark Ripple (decision 56): Spark local[2] through the daemon's runner, its
 * output in ./puddles/out like a DuckDB Ripple's, read back by the next (DuckDB) Ripple. Needs
 * 'make spark'.
 */
class SparkLocalRunIT {
  @TempDir Path tmp;

  @Test
  void aSparkRippleRunsLocallyAndFeedsTheNextRipple() throws Exception {
    SparkLibs libs = SparkLibs.located();
    assumeTrue(libs.present(), () -> "skipped: " + libs.missing());
    try (TestCatchment c = new TestCatchment(tmp)) {
      Path p = c.cd("shop");
      Projects.write(
          p,
          "pond.toml",
          Projects.toml("shop", "1.0.0") + "\n[ripples.numbers]\nengine = \"spark\"\n",
          "src/numbers.sql",
          "SELECT id, id * id AS square FROM range(1, 4) AS t(id);\n",
          "src/total.sql",
          "SELECT CAST(sum(square) AS BIGINT) AS total FROM numbers");
      TestCatchment.Result r = c.cli("pond", "run").ok();
      assertTrue(r.out().matches("(?s)RIPPLE +KIND +ROWS +DURATION\nnumbers +sql +3 .*"), r.out());
      assertTrue(r.out().contains("total"), r.out());
      assertEquals(
          List.of("1|1", "2|4", "3|9"),
          TestDuck.lines(
              "FROM '" + p.resolve("puddles/out/numbers/numbers.parquet") + "' ORDER BY id"));
      assertEquals(
          List.of("14"),
          TestDuck.lines("FROM '" + p.resolve("puddles/out/total/total.parquet") + "'"));
    }
  }
}
