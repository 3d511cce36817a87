package dev.duckstring.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbLimitsTest {
  @TempDir Path dir;

  @Test
  void defaultsAre256MegabytesAndOneThreadPerCoreWrittenAsComments() throws Exception {
    CatchmentConfig d = CatchmentConfig.defaults("dev", 5000);
    assertEquals(new DuckDbLimits(256L << 20, 0), d.duckDb());
    assertEquals("256MiB", d.duckDb().memoryLimitSetting());
    assertTrue(
        d.toToml().contains("\n# duckdb_memory_limit = \"256MB\"\n# duckdb_threads = 0\n"),
        d.toToml());
    Path file = dir.resolve("catchment.toml");
    Files.writeString(file, d.toToml());
    assertEquals(d, CatchmentConfig.read(file));
  }

  @Test
  void setValuesAreReadKeptAndWrittenBack() throws Exception {
    Path file = dir.resolve("catchment.toml");
    Files.writeString(
        file, "name = \"dev\"\nduckdb_memory_limit = \"512MB\"\nduckdb_threads = 1\n");
    CatchmentConfig c = CatchmentConfig.read(file);
    assertEquals(new DuckDbLimits(512L << 20, 1), c.duckDb());
    assertEquals("512MiB", c.duckDb().memoryLimitSetting());
    assertEquals(c.duckDb(), c.withPort(6000).duckDb());
    assertEquals(c.duckDb(), c.withEvents(EventsRotation.DEFAULT).duckDb());
    Files.writeString(file, c.toToml());
    assertEquals(c, CatchmentConfig.read(file));
    assertTrue(
        c.toToml().contains("\nduckdb_memory_limit = \"512MB\"\nduckdb_threads = 1\n"), c.toToml());
  }

  @Test
  void badValuesAreOneLineErrorsAtTheirKey() throws Exception {
    Path file = dir.resolve("catchment.toml");
    for (String[] bad :
        new String[][] {
          {"duckdb_memory_limit = \"2G\"", "'duckdb_memory_limit' = \"2G\" is not a size"},
          {"duckdb_memory_limit = \"1MB\"", "must be at least 16MB"},
          {"duckdb_memory_limit = 2048", "must be a size string such as \"2GB\""},
          {"duckdb_threads = -1", "'duckdb_threads' = -1 must be 0 (one per core) to 1024"},
          {"duckdb_threads = \"2\"", "'duckdb_threads' must be an integer"},
          {"duckdb_thread = 2", "unknown key 'duckdb_thread' (did you mean 'duckdb_threads'?)"}
        }) {
      Files.writeString(file, "name = \"dev\"\nworkers = 2\n  " + bad[0] + "\n");
      String e =
          assertThrows(ManifestException.class, () -> CatchmentConfig.read(file)).getMessage();
      assertTrue(e.startsWith(file + ":3:3: error: "), e);
      assertTrue(e.contains(bad[1]), e);
    }
  }
}
