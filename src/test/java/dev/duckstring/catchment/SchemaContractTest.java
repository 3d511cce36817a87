package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaContractTest {
  private static final PondVersion V100 = PondVersion.parse("1.0.0");
  private static final PondVersion V110 = PondVersion.parse("1.1.0");
  private static final PondVersion V120 = PondVersion.parse("1.2.0");

  private static Map<String, String> cols(String... nameType) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < nameType.length; i += 2) {
      m.put(nameType[i], nameType[i + 1]);
    }
    return m;
  }

  private static SchemaContract captured() {
    return SchemaContract.empty("outlet@1")
        .extend(Map.of("daily", cols("id", "BIGINT", "day", "DATE", "amount", "DOUBLE")), V100);
  }

  @Test
  void theFirstRunCapturesEveryTableSortedWithItsVersion() {
    SchemaContract c = captured();
    assertEquals(1, c.tables().size());
    assertEquals(
        List.of(
            new SchemaContract.Column("amount", "DOUBLE", "1.0.0"),
            new SchemaContract.Column("day", "DATE", "1.0.0"),
            new SchemaContract.Column("id", "BIGINT", "1.0.0")),
        c.table("daily").columns());
    assertEquals("1.0.0", c.table("daily").since());
  }

  @Test
  void aDroppedColumnARetypeAndADroppedTableAreEachOneLine() {
    SchemaContract c =
        captured()
            .extend(
                Map.of(
                    "daily",
                    cols("id", "BIGINT", "day", "DATE", "amount", "DOUBLE"),
                    "weekly",
                    cols("w", "INTEGER")),
                V100);
    assertEquals(
        List.of("daily.amount: dropped", "table weekly: dropped"),
        c.diff(Map.of("daily", cols("id", "BIGINT", "day", "DATE"))));
    assertEquals(
        List.of("daily.amount: DOUBLE -> VARCHAR"),
        captured().diff(Map.of("daily", cols("id", "BIGINT", "day", "DATE", "amount", "VARCHAR"))));
  }

  @Test
  void addedColumnsAndTablesAndAnotherOrderAreNoChange() {
    Map<String, Map<String, String>> more =
        Map.of(
            "daily", cols("region", "VARCHAR", "amount", "DOUBLE", "id", "BIGINT", "day", "DATE"),
            "weekly", cols("w", "INTEGER"));
    assertEquals(List.of(), captured().diff(more));
    SchemaContract grown = captured().extend(more, V120);
    assertEquals(
        new SchemaContract.Column("region", "VARCHAR", "1.2.0"),
        grown.table("daily").columns().get(3));
    assertEquals("1.0.0", grown.table("daily").columns().get(0).since());
    assertEquals("1.2.0", grown.table("weekly").since());
  }

  @Test
  void decimalPrecisionAndScaleAreRetypes() {
    SchemaContract c =
        SchemaContract.empty("x@1").extend(Map.of("t", cols("a", "DECIMAL(18,2)")), V100);
    assertEquals(
        List.of("t.a: DECIMAL(18,2) -> DECIMAL(18,3)"),
        c.diff(Map.of("t", cols("a", "DECIMAL(18,3)"))));
    assertEquals(
        List.of("t.a: DECIMAL(18,2) -> DECIMAL(19,2)"),
        c.diff(Map.of("t", cols("a", "DECIMAL(19, 2)"))));
    assertEquals(List.of(), c.diff(Map.of("t", cols("a", " DECIMAL( 18 ,2 ) "))));
  }

  @Test
  void nestedTypesCompareAsNormalizedStrings() {
    String struct = "STRUCT(a INTEGER, b VARCHAR[])";
    SchemaContract c =
        SchemaContract.empty("x@1").extend(Map.of("t", cols("s", struct, "l", "INTEGER[]")), V100);
    assertEquals(
        List.of(),
        c.diff(Map.of("t", cols("s", "STRUCT(a INTEGER,  b VARCHAR [ ])", "l", "INTEGER[]"))));
    assertEquals(
        List.of(
            "t.l: INTEGER[] -> BIGINT[]", "t.s: " + struct + " -> STRUCT(a INTEGER, b VARCHAR)"),
        c.diff(Map.of("t", cols("s", "STRUCT(a INTEGER, b VARCHAR)", "l", "BIGINT[]"))));
    assertEquals(
        "STRUCT(a DECIMAL(9,2), b MAP(VARCHAR, INTEGER))",
        SchemaContract.normalize("STRUCT( a DECIMAL(9, 2),b MAP(VARCHAR,INTEGER) )"));
  }

  @Test
  void normalizeGivesWhatTheRegexChainGaveForPlainAndNestedTypes() {
    for (String type :
        List.of(
            "",
            "  ",
            "BIGINT",
            " VARCHAR ",
            "TIMESTAMP_NS",
            "TIMESTAMP WITH TIME ZONE",
            "TIMESTAMP  WITH   TIME ZONE",
            "DECIMAL(18, 2)",
            "DECIMAL ( 18 ,2 )",
            "INTEGER [ ]",
            "STRUCT( a DECIMAL(9, 2),b MAP(VARCHAR,INTEGER) )",
            "MAP(VARCHAR, STRUCT(x\tINTEGER,\n y DOUBLE[3]))",
            "UNION(n INTEGER, s VARCHAR)",
            "ENUM('a', 'b c')",
            "\"quoted col\" INTEGER",
            "VARCHAR\u00a0")) {
      String chain =
          type.strip()
              .replaceAll("\\s+", " ")
              .replaceAll(" ?([(\\[]) ?", "$1")
              .replaceAll(" ?([)\\]])", "$1")
              .replaceAll(" ?, ?", ", ")
              .replaceAll("(\\d), (\\d)", "$1,$2");
      assertEquals(chain, SchemaContract.normalize(type), type);
    }
  }

  @Test
  void theContractInForceForAVersionIsWhatVersionsUpToItAdded() {
    SchemaContract grown =
        captured()
            .extend(
                Map.of(
                    "daily",
                        cols(
                            "id", "BIGINT", "day", "DATE", "amount", "DOUBLE", "region", "VARCHAR"),
                    "weekly", cols("w", "INTEGER")),
                V120);
    SchemaContract back = grown.inForce(V110);
    assertEquals(List.of("daily"), back.tables().stream().map(SchemaContract.Table::name).toList());
    assertEquals(3, back.columnCount());
    // After a fallback to 1.1.0, what 1.2.0 added is not required...
    assertEquals(
        List.of(),
        grown
            .inForce(V110)
            .diff(Map.of("daily", cols("id", "BIGINT", "day", "DATE", "amount", "DOUBLE"))));
    // ... and a successful run of 1.1.0 rolls the contract back.
    assertEquals(
        back,
        grown.extend(
            Map.of("daily", cols("id", "BIGINT", "day", "DATE", "amount", "DOUBLE")), V110));
    assertEquals(grown, grown.inForce(V120));
    assertEquals(grown, grown.inForce(PondVersion.parse("1.9.0")));
  }

  @Test
  void aVersionOwesWhatEarlierVersionsAddedAndMayRecaptureItsOwn() {
    SchemaContract c = captured();
    Map<String, Map<String, String>> without = Map.of("daily", cols("id", "BIGINT", "day", "DATE"));
    // a forced redeploy of 1.0.0 itself: its own columns are its own
    assertEquals(List.of(), c.owed(V100).diff(without));
    assertEquals(2, c.extend(without, V100).columnCount());
    // 1.1.0 owes what 1.0.0 added
    assertEquals(List.of("daily.amount: dropped"), c.owed(V110).diff(without));
    assertEquals(c, c.inForce(V100));
    assertEquals(SchemaContract.empty("outlet@1"), c.owed(V100));
  }

  @Test
  void theFileRoundTripsAndAGarbledOneIsAnErrorNamingIt(@TempDir Path root) throws Exception {
    SchemaContracts store = new SchemaContracts(new CatchmentLayout(root));
    LineId line = new LineId("outlet", 1);
    assertTrue(store.read(line).isEmpty());
    Files.createDirectories(store.file(line).getParent());
    store.write(line, captured());
    assertEquals(captured(), store.read(line).orElseThrow());
    for (String garbage :
        List.of(
            "{not json",
            "{\"line\": \"outlet@1\"}",
            "{\"line\": \"x\", \"tables\": [{\"name\": \"t\", \"columns\": [{\"name\": \"a\"}]}]}",
            "{\"line\": \"x\", \"tables\": [{\"name\": \"t\", \"columns\": [{\"name\": \"a\", \"type\": \"INT\"}, {\"name\": \"a\", \"type\": \"INT\"}]}]}")) {
      Files.writeString(store.file(line), garbage);
      DuckstringException e = assertThrows(DuckstringException.class, () -> store.read(line));
      assertTrue(e.getMessage().startsWith(store.file(line).toString()), e.getMessage());
      assertEquals(1, e.getMessage().lines().count());
    }
    assertTrue(store.delete(line));
    assertTrue(store.read(line).isEmpty());
  }
}
