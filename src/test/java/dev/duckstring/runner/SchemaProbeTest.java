package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.runner.SchemaProbe.Described;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DESCRIBE of SQL Ripples over published data, without running them, for {@code deploy --plan}. */
class SchemaProbeTest {
  @TempDir Path tmp;

  /** A published generation with table {@code ripple} made by {@code select}. */
  private Path generation(String name, String ripple, String select) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name).resolve(ripple));
    try (Connection c = Duck.open(DuckDbOptions.defaults().withThreads(1))) {
      Duck.exec(
          c,
          "COPY ("
              + select
              + ") TO "
              + Duck.literal(dir.resolve(ripple + ".parquet"))
              + " (FORMAT parquet)");
    }
    return dir.getParent();
  }

  @Test
  void readsThePublishedSchema() throws Exception {
    Path gen = generation("g1", "daily", "SELECT 1 AS id, 2.5::DECIMAL(18,2) AS amount");
    assertEquals(
        Map.of("daily", Map.of("id", "INTEGER", "amount", "DECIMAL(18,2)")),
        SchemaProbe.published(gen));
  }

  @Test
  void describesRipplesOverSourcesParentsAndTheirOwnPreviousOutput() throws Exception {
    Path orders = generation("orders", "daily", "SELECT 1 AS id, 'x' AS region");
    Path own = generation("own", "acc", "SELECT 7::BIGINT AS n");
    Map<String, String> sql = new LinkedHashMap<>();
    sql.put("child", "SELECT region, n FROM parent, acc"); // declared before its parent
    sql.put("parent", "SELECT id, region FROM orders.daily");
    sql.put("acc", "SELECT n + 1 AS n FROM acc");
    sql.put("bad", "SELECT nope FROM orders.daily");
    Map<String, Described> d = SchemaProbe.describe(sql, Map.of("orders", orders), own);
    assertEquals(Map.of("id", "INTEGER", "region", "VARCHAR"), d.get("parent").columns());
    assertEquals(Map.of("n", "BIGINT"), d.get("acc").columns());
    assertEquals(Map.of("region", "VARCHAR", "n", "BIGINT"), d.get("child").columns());
    assertNull(d.get("bad").columns());
    assertTrue(d.get("bad").error().contains("nope"), d.get("bad").error());
    assertEquals(List.of("child", "parent", "acc", "bad"), List.copyOf(d.keySet()));
  }
}
