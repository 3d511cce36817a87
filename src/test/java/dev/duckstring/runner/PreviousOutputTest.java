package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SQL Ripple opens only the Pond tables it names; its own table is its previous output. */
class PreviousOutputTest {
  @TempDir Path dir;
  final SqlRippleRunner runner = new SqlRippleRunner(DuckDbOptions.defaults().withThreads(1));

  @Test
  void aCorruptOutputTheQueryDoesNotNameIsNeverOpened() throws Exception {
    Path prev = Files.createDirectories(dir.resolve("prev/daily"));
    Files.writeString(prev.resolve("daily.parquet"), "not parquet");
    Path out = Files.createDirectories(dir.resolve("out"));
    SqlRippleResult r =
        runner.run(new SqlRipple("daily", "SELECT 1 AS n", Map.of(), Map.of("daily", prev), out));
    assertEquals(1, r.rows());
  }

  @Test
  void aCorruptPreviousOutputOfASelfReadFailsNamingTheRippleAndTheFile() throws Exception {
    Path prev = Files.createDirectories(dir.resolve("prev/total"));
    Files.writeString(prev.resolve("total.parquet"), "not parquet");
    Path out = Files.createDirectories(dir.resolve("out"));
    PreviousOutputFailure e =
        assertThrows(
            PreviousOutputFailure.class,
            () ->
                runner.run(
                    new SqlRipple(
                        "total",
                        "SELECT n + 1 AS n FROM total",
                        Map.of(),
                        Map.of("total", prev),
                        out)));
    assertEquals(prev, e.output());
    assertTrue(
        e.getMessage()
            .startsWith(
                "ripple 'total' cannot read its previous output "
                    + prev.resolve("total.parquet")
                    + ": "),
        e.getMessage());
  }

  @Test
  void aMissingPreviousOutputOfASelfReadFailsSayingSo() throws Exception {
    Path prev = dir.resolve("gone/total");
    Path out = Files.createDirectories(dir.resolve("out"));
    PreviousOutputFailure e =
        assertThrows(
            PreviousOutputFailure.class,
            () ->
                runner.run(
                    new SqlRipple(
                        "total", "SELECT n FROM Total", Map.of(), Map.of("total", prev), out)));
    assertEquals(
        "ripple 'total' cannot read its previous output " + prev + ": it is missing",
        e.getMessage());
  }
}
