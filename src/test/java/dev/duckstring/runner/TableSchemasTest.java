package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duckstring.catchment.SchemaContract;
import dev.duckstring.model.PondVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
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

  /**
   * Decision 71 reads columns from a prepared statement's metadata instead of running DESCRIBE:
   * both must give DuckDB's same names and type strings, for every type a Parquet file can hold,
   * including those whose type the Parquet round trip changes (HUGEINT, ENUM, BIT).
   */
  @Test
  void columnsAreDescribesOwnForEveryType() throws Exception {
    String select =
        "SELECT 1::TINYINT a, 2::SMALLINT b, 3 c, 4::BIGINT d, 5::HUGEINT e, 6::UTINYINT f,"
            + " 7::UINTEGER g, 8::UBIGINT h, 1.5::FLOAT i, 2.5 j, 3.25::DOUBLE k,"
            + " 12.345::DECIMAL(18,3) l, 1.2::DECIMAL(38,10) m, 'x' n, 'x'::BLOB o, true p,"
            + " DATE '2020-01-01' q, TIME '01:02:03' r, TIMESTAMP '2020-01-01 00:00:00' s,"
            + " TIMESTAMPTZ '2020-01-01 00:00:00+00' t, INTERVAL 1 day u, uuid() v, [1, 2] w,"
            + " {'x': 1, 'y z': 'q'} x, MAP {'k': 1} y, 'a'::ENUM('a', 'b') aa,"
            + " TIMESTAMP_MS '2020-01-01' ab, [[1]] ac, [{'q': 1.5}] ad, NULL ae,"
            + " 1::UHUGEINT af, '101'::BITSTRING ag, [1, 2]::INTEGER[2] ah,"
            + " union_value(k := 1) ai, TIMESTAMP_NS '2020-01-01' aj,"
            + " TIMETZ '01:02:03+01' ak, 'x' \"weird \"\"name\"\"\"";
    Path file = TestDuck.parquet(tmp.resolve("all/all.parquet"), select);
    Map<String, String> described = new LinkedHashMap<>();
    for (List<String> row :
        TestDuck.rows("DESCRIBE SELECT * FROM read_parquet(" + Duck.literal(file) + ")")) {
      described.put(row.get(0), row.get(1));
    }
    Map<String, String> got = TableSchemas.describe(Map.of("all", tmp.resolve("all"))).get("all");
    assertEquals(37, described.size());
    assertEquals(List.copyOf(described.entrySet()), List.copyOf(got.entrySet()));
    assertEquals("DOUBLE", got.get("e")); // what a reader of the published file sees
    assertEquals("VARCHAR", got.get("aa"));
    assertEquals("STRUCT(x INTEGER, \"y z\" VARCHAR)", got.get("x"));
  }
}
