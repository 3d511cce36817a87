package dev.duckstring.runner;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Small DuckDB helpers: open a fresh in-memory database, quote names and literals, clean errors.
 */
final class Duck {
  private static final String PENDING_PREFIX =
      "Attempting to execute an unsuccessful or closed pending query result";

  /** How many databases this process opened: each costs 13-20 ms here, so tests count them. */
  private static final AtomicLong OPENED = new AtomicLong();

  private Duck() {}

  /** A fresh in-memory DuckDB database with {@code options} applied at open. */
  static Connection open(DuckDbOptions options) throws SQLException {
    DuckJfr.skipRegistration();
    OPENED.incrementAndGet();
    return DriverManager.getConnection("jdbc:duckdb:", options.toProperties());
  }

  /** How many databases {@link #open} opened in this process so far (for tests). */
  static long opened() {
    return OPENED.get();
  }

  /** Runs one trusted statement (never user text) on its own JDBC statement. */
  static void exec(Connection c, String sql) throws SQLException {
    // A DuckDB JDBC statement is closed by any error, so every call gets a fresh one.
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** {@code name} as a quoted SQL identifier. */
  static String ident(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** {@code text} as a SQL string literal. */
  static String literal(String text) {
    return '\'' + text.replace("'", "''") + '\'';
  }

  /** The absolute, normalised path of {@code p} as a SQL string literal. */
  static String literal(Path p) {
    return literal(p.toAbsolutePath().normalize().toString());
  }

  /** {@link #message(SQLException)} for DuckDB's errors, the message itself for any other. */
  static String reason(Exception e) {
    return e instanceof SQLException q ? message(q) : e.getMessage();
  }

  /**
   * DuckDB's message on one line: e.g. {@code Binder Error: Table "x" does not exist!}. Drops the
   * JDBC "pending query" wrapper and the {@code LINE n:} excerpt with its caret.
   */
  static String message(SQLException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int wrapped = m.indexOf(PENDING_PREFIX);
    if (wrapped >= 0) {
      int inner = m.indexOf("Error: ", wrapped + PENDING_PREFIX.length());
      if (inner >= 0) {
        m = m.substring(inner + "Error: ".length());
      }
    }
    int excerpt = m.indexOf("\nLINE ");
    if (excerpt >= 0) {
      m = m.substring(0, excerpt);
    }
    return m.strip().replaceAll("\\s+", " ");
  }
}
