package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each DuckDB database spills into a directory of its own (decision 64), made only to spill. */
class DuckDbSpillTest {
  @TempDir Path dir;

  @Test
  void twoDatabasesGetTheirOwnSpillDirectoryMadeOnlyToSpill() throws Exception {
    DuckDbOptions options =
        DuckDbOptions.defaults().withMemoryLimit("64MB").withTempDirectory(dir.resolve("db"));
    try (Connection a = Duck.open(options);
        Connection b = Duck.open(options)) {
      String first = setting(a, "temp_directory");
      String second = setting(b, "temp_directory");
      String pid = Long.toString(ProcessHandle.current().pid());
      assertTrue(first.matches(".*/db-" + pid + "-[0-9]+"), first);
      assertTrue(second.matches(".*/db-" + pid + "-[0-9]+"), second);
      assertNotEquals(first, second);
      assertFalse(Files.exists(Path.of(first)), "nothing is made before a spill");
      // A distinct over more keys than 64MB holds has to spill, and works: its directory's parent
      // exists, DuckDB makes the directory itself.
      try (Statement s = a.createStatement();
          ResultSet r =
              s.executeQuery(
                  "SELECT count(*) FROM (SELECT DISTINCT hash(i) AS h, i FROM range(6000000) t(i))")) {
        r.next();
        assertEquals(6_000_000L, r.getLong(1));
      }
      assertFalse(Files.exists(Path.of(second)), "the other database made nothing");
    }
  }

  private static String setting(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT current_setting('" + name + "')")) {
      r.next();
      return r.getString(1);
    }
  }
}
