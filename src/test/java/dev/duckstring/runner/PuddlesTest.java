package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hydrating a generation into a puddle: one file per table, the schema beside it, swapped in. */
class PuddlesTest {
  @TempDir Path dir;

  private Path generation() throws Exception {
    Path gen = dir.resolve("gen");
    TestDuck.parquet(
        gen.resolve("orders/orders.parquet"), "SELECT range AS id, 'x' AS s FROM range(1000)");
    TestDuck.write(gen.resolve("regions/regions.csv"), "SELECT 1 AS r", "csv");
    Files.createDirectories(gen.resolve("report"));
    Files.writeString(gen.resolve("report/report.md"), "# not a table\n");
    return gen;
  }

  @Test
  void copiesEveryTableCutAsAskedWithItsSchema() throws Exception {
    Path gen = generation();
    Path target = dir.resolve("puddles/inlet");
    List<Puddles.Table> t =
        Puddles.hydrate(gen, target, "inlet@1", Sampling.firstRows(10), DuckDbOptions.defaults());
    assertEquals(List.of("orders", "regions"), t.stream().map(Puddles.Table::table).toList());
    assertEquals(10, t.get(0).rows());
    assertEquals(Files.size(target.resolve("orders.parquet")), t.get(0).bytes());
    assertEquals(
        List.of(List.of("0"), List.of("9")),
        TestDuck.rows(
                "SELECT min(id), NULL FROM read_parquet('"
                    + target.resolve("orders.parquet")
                    + "') UNION ALL SELECT max(id), NULL FROM read_parquet('"
                    + target.resolve("orders.parquet")
                    + "')")
            .stream()
            .map(r -> List.of(r.get(0)))
            .toList());
    String schema = Files.readString(target.resolve("orders.schema.json"));
    assertTrue(schema.contains("\"line\": \"inlet@1\""), schema);
    assertTrue(
        schema.contains("\"name\": \"id\"") && schema.contains("\"type\": \"BIGINT\""), schema);
    assertTrue(Files.isRegularFile(target.resolve("regions.parquet")), "CSV becomes Parquet");
    assertFalse(Files.exists(target.resolve("report.parquet")), "not a table");

    t = Puddles.hydrate(gen, target, "inlet@1", Sampling.percent(50), DuckDbOptions.defaults());
    assertTrue(t.get(0).rows() > 350 && t.get(0).rows() < 650, "about half: " + t.get(0).rows());
    t = Puddles.hydrate(gen, target, "inlet@1", Sampling.all(), DuckDbOptions.defaults());
    assertEquals(1000, t.get(0).rows());
    try (var s = Files.list(dir.resolve("puddles"))) {
      assertEquals(
          List.of("inlet"), s.map(p -> p.getFileName().toString()).toList(), "no temporaries left");
    }
  }

  @Test
  void aFailedHydrateLeavesThePreviousPuddle() throws Exception {
    Path gen = generation();
    Path target = dir.resolve("puddles/inlet");
    Puddles.hydrate(gen, target, "inlet@1", Sampling.firstRows(5), DuckDbOptions.defaults());
    Files.writeString(gen.resolve("orders/orders.parquet"), "not parquet");
    assertThrows(
        DuckstringException.class,
        () -> Puddles.hydrate(gen, target, "inlet@1", Sampling.all(), DuckDbOptions.defaults()));
    assertEquals(
        List.of(List.of("5")),
        TestDuck.rows(
            "SELECT count(*) FROM read_parquet('" + target.resolve("orders.parquet") + "')"));
    try (var s = Files.list(dir.resolve("puddles"))) {
      assertEquals(List.of("inlet"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void samplingSql() {
    assertEquals("SELECT * FROM \"t\"", Sampling.all().select("\"t\""));
    assertEquals("SELECT * FROM \"t\" LIMIT 0", Sampling.firstRows(0).select("\"t\""));
    assertEquals(
        "SELECT * FROM \"t\" USING SAMPLE 1 PERCENT (bernoulli, 42)",
        Sampling.percent(1).select("\"t\""));
    assertEquals(
        "SELECT * FROM \"t\" USING SAMPLE 0.5 PERCENT (bernoulli, 42)",
        Sampling.percent(0.5).select("\"t\""));
    assertThrows(IllegalArgumentException.class, () -> Sampling.percent(0));
    assertThrows(IllegalArgumentException.class, () -> Sampling.firstRows(-2));
  }
}
