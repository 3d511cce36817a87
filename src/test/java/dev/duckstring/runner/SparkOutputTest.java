package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a Spark driver leaves in a Ripple's staging directory (decision 56): exactly one part file
 * becomes {@code <ripple>.parquet}; none, several, or anything beside it fails the run.
 */
class SparkOutputTest {
  @TempDir Path staging;

  private SqlRipple ripple() {
    return new SqlRipple("agg", "SELECT 1", Map.of(), Map.of(), staging);
  }

  private Path sparkOut() throws Exception {
    Path out = Files.createDirectories(staging.resolve(SparkRequest.SPARK_OUT));
    Files.writeString(out.resolve("_SUCCESS"), "");
    return out;
  }

  @Test
  void onePartFileBecomesTheRipplesParquet() throws Exception {
    Files.writeString(sparkOut().resolve("part-00000-x.snappy.parquet"), "PAR1");
    Path file = SparkRippleRunner.collect(ripple());
    assertEquals(staging.resolve("agg.parquet"), file);
    assertEquals("PAR1", Files.readString(file));
    try (var s = Files.list(staging)) {
      assertEquals(List.of("agg.parquet"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aDriverThatWroteNothingFailsTheRun() throws Exception {
    RippleFailure none =
        assertThrows(RippleFailure.class, () -> SparkRippleRunner.collect(ripple()));
    assertTrue(
        none.getMessage().contains("Spark wrote 0 Parquet part files, not one"), none.getMessage());
    sparkOut();
    RippleFailure empty =
        assertThrows(RippleFailure.class, () -> SparkRippleRunner.collect(ripple()));
    assertTrue(empty.getMessage().contains("0 Parquet part files"), empty.getMessage());
  }

  @Test
  void severalPartFilesFailTheRun() throws Exception {
    Path out = sparkOut();
    Files.writeString(out.resolve("part-00000-a.parquet"), "PAR1");
    Files.writeString(out.resolve("part-00001-b.parquet"), "PAR1");
    RippleFailure e = assertThrows(RippleFailure.class, () -> SparkRippleRunner.collect(ripple()));
    assertTrue(e.getMessage().contains("Spark wrote 2 Parquet part files"), e.getMessage());
  }

  @Test
  void anythingWrittenBesideTheOutputFailsTheRun() throws Exception {
    Files.writeString(sparkOut().resolve("part-00000-x.parquet"), "PAR1");
    Files.writeString(staging.resolve("elsewhere.csv"), "a,b\n");
    RippleFailure e = assertThrows(RippleFailure.class, () -> SparkRippleRunner.collect(ripple()));
    assertTrue(e.getMessage().contains("wrote [elsewhere.csv] beside its output"), e.getMessage());
  }
}
