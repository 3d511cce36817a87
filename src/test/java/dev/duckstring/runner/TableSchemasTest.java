package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duckstring.catchment.SchemaContract;
import dev.duckstring.model.PondVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableSchemasTest {
  @TempDir Path tmp;

  private void parquet(Path file, String sql) throws Exception {
    Files.createDirectories(file.getParent());
    try (Connection c = Duck.open(DuckDbOptions.defaults().withThreads(1))) {
      Duck.exec(c, "COPY (" + sql + ") TO " + Duck.literal(file) + " (FORMAT parquet)");
    }
  }

  @Test
  void describesParquetTablesWithNestedAndDecimalTypesAndSkipsOtherFiles() throws Exception {
    parquet(
        tmp.resolve("daily/daily.parquet"),
        "SELECT 1::BIGINT AS id, 1.5::DECIMAL(18,2) AS amount,"
            + " {'a': 1, 'b': ['x']} AS s, [1, 2] AS l");
    parquet(tmp.resolve("cmd/part-1.parquet"), "SELECT 'x' AS v");
    Files.createDirectories(tmp.resolve("report"));
    Files.writeString(tmp.resolve("report/report.md"), "# hi\n");
    Files.createDirectories(tmp.resolve("csv"));
    Files.writeString(tmp.resolve("csv/t.csv"), "a\n1\n");
    Map<String, Map<String, String>> got =
        TableSchemas.describe(
            Map.of(
                "daily", tmp.resolve("daily"),
                "cmd", tmp.resolve("cmd"),
                "report", tmp.resolve("report"),
                "csv", tmp.resolve("csv")));
    assertEquals(List.of("cmd", "daily"), List.copyOf(got.keySet()));
    assertEquals(
        Map.of(
            "id", "BIGINT",
            "amount", "DECIMAL(18,2)",
            "s", "STRUCT(a INTEGER, b VARCHAR[])",
            "l", "INTEGER[]"),
        got.get("daily"));
    assertEquals(Map.of("v", "VARCHAR"), got.get("cmd"));
    assertEquals(Map.of(), TableSchemas.describe(Map.of("report", tmp.resolve("report"))));

    // DuckDB's own strings survive the contract's normalization: no change against themselves.
    SchemaContract c = SchemaContract.empty("x@1").extend(got, PondVersion.parse("1.0.0"));
    assertEquals(List.of(), c.diff(got));
    assertEquals("DECIMAL(18,2)", c.table("daily").columns().get(0).type());
  }
}
