package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fresh JVM that opens DuckDB through {@link Duck#open} and queries it never initialises the
 * flight recorder (decision 52): {@code -Xlog:class+load} shows DuckDB's connection but none of
 * {@code jdk.jfr.internal}.
 */
class DuckJfrTest {
  @TempDir Path tmp;

  /** The child JVM: open, query, print the answer. */
  public static void main(String[] args) throws Exception {
    try (Connection c = Duck.open(DuckDbOptions.defaults());
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT 40 + 2")) {
      r.next();
      System.out.println("answer " + r.getInt(1));
    }
  }

  @Test
  void openingDuckDbLeavesJfrAlone() throws Exception {
    Process p =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Djava.io.tmpdir=" + tmp,
                    "-Xlog:class+load=info:stdout",
                    "-cp",
                    System.getProperty("java.class.path"),
                    DuckJfrTest.class.getName()))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("answer 42"), out);
    assertTrue(out.contains("org.duckdb.DuckDBConnection "), "DuckDB was loaded");
    // DuckDB looks jdk.jfr.FlightRecorder up to see whether JFR exists; registering loads JFR's
    // internals (jdk.jfr.internal.*), which is what costs.
    assertFalse(out.contains("jdk.jfr.internal."), "JFR was initialised");
  }
}
