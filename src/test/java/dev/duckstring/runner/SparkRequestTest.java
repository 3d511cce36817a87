package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.SparkSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark driver's request file (decision 56): what it names, and how paths map. */
class SparkRequestTest {
  @TempDir Path root;

  @Test
  void namesOnlyTheTablesTheSqlReadsWithTheirFilesThroughRootUri() throws IOException {
    Path gen = root.resolve("ponds/inlet/m1/data/g1");
    Files.createDirectories(gen.resolve("orders"));
    Files.writeString(gen.resolve("orders/orders.parquet"), "x");
    Files.createDirectories(gen.resolve("customers"));
    Files.writeString(gen.resolve("customers/part-1.parquet"), "x");
    Files.createDirectories(gen.resolve("unused"));
    Files.writeString(gen.resolve("unused/unused.parquet"), "x");
    Path own = root.resolve("ponds/pond/m1/work/sales");
    Files.createDirectories(own);
    Files.writeString(own.resolve("sales.parquet"), "x");
    Path other = root.resolve("ponds/pond/m1/work/other");
    Files.createDirectories(other);
    SparkSettings s =
        SparkSettings.local("spark://h:7077")
            .withRootUri("file:///mnt/lake/dev/")
            .withConf(Map.of("spark.executor.memory", "2g"));
    Path out = Files.createDirectories(root.resolve("ponds/pond/m1/work/.tmp-r"));
    Properties p =
        write(
            new SqlRipple(
                "r",
                "SELECT * FROM inlet.orders JOIN Inlet.`customers` USING (id) JOIN sales USING (id);"
                    + " \n",
                Map.of("inlet", gen),
                Map.of("sales", own, "other", other),
                out,
                null),
            s);
    assertEquals(
        "file:///mnt/lake/dev/ponds/inlet/m1/data/g1/orders/orders.parquet",
        p.getProperty("source.inlet.orders"));
    assertEquals(
        "file:///mnt/lake/dev/ponds/inlet/m1/data/g1/customers",
        p.getProperty("source.inlet.customers"));
    assertEquals("parquet", p.getProperty("source.inlet.customers.format"));
    assertFalse(p.containsKey("source.inlet.unused"), "not named by the SQL");
    assertEquals(
        "file:///mnt/lake/dev/ponds/pond/m1/work/sales/sales.parquet",
        p.getProperty("table.sales"));
    assertFalse(p.containsKey("table.other"));
    assertEquals(
        "file:///mnt/lake/dev/ponds/pond/m1/work/.tmp-r/spark-output", p.getProperty("out"));
    assertEquals("spark://h:7077", p.getProperty("master"));
    assertFalse(p.containsKey("remote"));
    assertEquals("2g", p.getProperty("conf.spark.executor.memory"));
    assertEquals(
        "SELECT * FROM inlet.orders JOIN Inlet.`customers` USING (id) JOIN sales USING (id)",
        p.getProperty("sql"));
    assertEquals("30000", p.getProperty("connect_timeout_ms"));
  }

  @Test
  void withoutRootUriPathsAreAbsoluteAndARemoteIsNamed() throws IOException {
    Path out = Files.createDirectories(root.resolve("out"));
    Properties p =
        write(
            new SqlRipple("r", "SELECT 1 AS x", Map.of(), Map.of(), out, null),
            SparkSettings.connectTo("sc://spark:15002"));
    assertEquals(out.toAbsolutePath().resolve("spark-output").toString(), p.getProperty("out"));
    assertEquals("sc://spark:15002", p.getProperty("remote"));
    assertFalse(p.containsKey("master"));
    assertTrue(
        List.of(p.stringPropertyNames().toArray()).stream()
            .noneMatch(k -> k.toString().startsWith("source.")));
  }

  private Properties write(SqlRipple ripple, SparkSettings s) throws IOException {
    Path file = root.resolve("request.properties");
    SparkRequest.write(file, ripple, s, root, root.resolve("wh"), root.resolve("result"), 30_000);
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }
}
