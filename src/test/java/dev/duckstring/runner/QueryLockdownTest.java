package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The locked-down query surface: each attack fails without effect, both through the public API
 * (where the single-query gate stops most of them first) and on the locked connection itself.
 */
class QueryLockdownTest {
  @TempDir Path dir;
  Path gen;
  Path secret;
  final QueryService locked = new QueryService(QueryOptions.lockedDown(Duration.ofSeconds(1)));

  @BeforeEach
  void fixtures() throws Exception {
    gen = dir.resolve("g1");
    TestDuck.parquet(gen.resolve("orders/orders.parquet"), "SELECT range AS id FROM range(3)");
    secret = Files.writeString(dir.resolve("secret.csv"), "k,v\npassword,hunter2\n");
    TestDuck.parquet(dir.resolve("g10/orders/orders.parquet"), "SELECT 42 AS id");
  }

  private String fails(String sql) {
    return assertThrows(DuckstringException.class, () -> locked.query("shop", gen, sql, 10))
        .getMessage();
  }

  private static void assertPermissionError(String message) {
    assertTrue(message.startsWith("Permission Error: "), message);
  }

  @Test
  void cannotReadFilesOutsideTheGeneration() {
    assertPermissionError(fails("SELECT * FROM read_csv('/etc/passwd', sep = ':')"));
    assertPermissionError(fails("SELECT * FROM read_text('" + secret + "')"));
    assertPermissionError(fails("SELECT * FROM read_blob('" + secret + "')"));
    assertPermissionError(fails("SELECT * FROM glob('" + dir + "/*')"));
    assertPermissionError(
        fails("SELECT * FROM '" + dir.resolve("g10/orders/orders.parquet") + "'"));
    assertPermissionError(fails("SELECT * FROM read_csv('https://example.com/x.csv')"));
  }

  @Test
  void rejectsEveryStatementThatIsNotAQuery() {
    Path target = dir.resolve("copied.csv");
    Path inside = gen.resolve("copied.csv");
    for (String sql :
        new String[] {
          "COPY (SELECT * FROM orders) TO '" + target + "'",
          "COPY (SELECT * FROM orders) TO '" + inside + "'",
          "ATTACH '" + dir.resolve("new.db") + "'",
          "INSTALL httpfs",
          "LOAD httpfs",
          "SET enable_external_access = true",
          "SELECT 1; COPY (SELECT 1) TO '" + target + "'",
        }) {
      assertTrue(fails(sql).startsWith("only a single query"), sql);
    }
    assertTrue(fails("SELECT 1; SELECT 2").startsWith("expected one SQL statement"));
    assertFalse(Files.exists(target));
    assertFalse(Files.exists(inside));
    assertFalse(Files.exists(dir.resolve("new.db")));
  }

  @Test
  void theLockedConnectionItselfRefusesWritesAttachesExtensionsAndSettings() throws Exception {
    Path target = dir.resolve("copied.csv");
    try (Connection c = locked.open("shop", gen)) {
      assertPermissionError(rawFails(c, "COPY (SELECT * FROM orders) TO '" + target + "'"));
      assertPermissionError(rawFails(c, "ATTACH '" + dir.resolve("new.db") + "'"));
      assertPermissionError(rawFails(c, "INSTALL httpfs"));
      assertPermissionError(rawFails(c, "LOAD httpfs"));
      for (String set :
          new String[] {
            "SET enable_external_access = true",
            "SET allowed_directories = ['/']",
            "SET autoload_known_extensions = true",
            "SET threads = 1",
            "RESET lock_configuration",
          }) {
        assertTrue(rawFails(c, set).contains("the configuration has been locked"), set);
      }
      assertEquals(List.of(List.of("3")), rows(c, "SELECT count(*) FROM orders"));
    }
    assertFalse(Files.exists(target));
    assertFalse(Files.exists(dir.resolve("new.db")));
  }

  @Test
  void pinnedLinesAreReadableAsQuotedSchemasAndNothingElseOpensUp() throws Exception {
    Path other = dir.resolve("m2gen");
    TestDuck.parquet(other.resolve("orders/orders.parquet"), "SELECT 7 AS id");
    QueryScope scope = QueryScope.of("shop", gen).withPin("2", other);
    SqlPins.Pinned sql =
        SqlPins.find(
            "SELECT (SELECT count(*) FROM orders) AS n, (SELECT max(id) FROM shop@2.orders) AS m,"
                + " (SELECT max(id) FROM \"shop@2\".orders) AS q",
            "shop");
    QueryResult r = locked.query(scope, sql.sql(), 10);
    assertEquals(List.of(List.of("3", "7", "7")), r.rows());
    String refused =
        assertThrows(
                DuckstringException.class,
                () -> locked.query(scope, "SELECT * FROM read_csv('" + secret + "')", 10))
            .getMessage();
    assertPermissionError(refused);
    String missing =
        assertThrows(DuckstringException.class, () -> locked.query(scope, "FROM shop@3.orders", 1))
            .getMessage();
    assertTrue(missing.contains("syntax error"), missing); // only a pin the caller resolved exists
  }

  @Test
  void stopsLongQueriesAtTheTimeout() {
    assertEquals(
        "timed out after 1s", fails("SELECT sum(range * range) FROM range(1000000000000)"));
  }

  private static String rawFails(Connection c, String sql) {
    return Duck.message(assertThrows(SQLException.class, () -> Duck.exec(c, sql), sql));
  }

  private static List<List<String>> rows(Connection c, String sql) throws SQLException {
    try (var s = c.createStatement();
        var r = s.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      while (r.next()) {
        rows.add(List.of(r.getString(1)));
      }
      return rows;
    }
  }
}
