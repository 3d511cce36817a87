package dev.duckstring.runner;

import dev.duckstring.model.DuckstringException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Checks with DuckDB's own parser ({@code json_serialize_sql}) that a text is exactly one query
 * statement, before any of it is executed: DuckDB's JDBC driver would run every statement but the
 * last one at prepare time.
 */
final class SqlQueries {
  private static final String PARSE =
      "SELECT j, json_extract_string(j, '$.error')::BOOLEAN, json_extract_string(j, '$.error_type'),"
          + " json_extract_string(j, '$.error_message'), json_extract_string(j, '$.position'),"
          + " coalesce(json_array_length(j, '$.statements'), 0)"
          + " FROM (SELECT json_serialize_sql(?::VARCHAR) AS j)";

  /** What DuckDB's parser said about a text: its AST as JSON, or an error. */
  record Parsed(
      String json,
      boolean error,
      String errorType,
      String errorMessage,
      Integer position,
      int statements) {}

  private SqlQueries() {}

  /** Parses {@code sql} without executing it. */
  static Parsed parse(Connection c, String sql) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(PARSE)) {
      p.setString(1, sql);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        String position = r.getString(5);
        return new Parsed(
            r.getString(1),
            r.getBoolean(2),
            r.getString(3),
            r.getString(4),
            position == null ? null : Integer.valueOf(position),
            r.getInt(6));
      }
    }
  }

  /**
   * Returns the text of the one query in {@code sql} without a trailing {@code ;} or comments,
   * ready to embed in {@code COPY (...)} or a subquery; throws a one-line error for a parse error,
   * an empty text, several statements, or a statement that is not a query.
   */
  static String singleQuery(Connection c, String sql) throws SQLException {
    Parsed parsed = parse(c, sql);
    check(sql, parsed);
    String trimmed = SqlText.withoutTail(sql);
    Parsed again = trimmed.equals(sql) ? parsed : parse(c, trimmed);
    Parsed wrapped = parse(c, "SELECT * FROM (\n" + trimmed + "\n)");
    if (!again.error()
        && again.json().equals(parsed.json())
        && !wrapped.error()
        && wrapped.statements() == 1) {
      return trimmed;
    }
    // The lexer disagreed with DuckDB; fall back to DuckDB's own rendering of the statement.
    try (PreparedStatement p = c.prepareStatement("SELECT json_deserialize_sql(?::JSON)")) {
      p.setString(1, parsed.json());
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }

  /** Throws unless {@code parsed} is exactly one query statement. */
  static void check(String sql, Parsed parsed) {
    if (parsed.error()) {
      if ("parser".equals(parsed.errorType())) {
        throw new DuckstringException(
            "Parser Error: " + parsed.errorMessage() + where(sql, parsed.position()));
      }
      throw new DuckstringException(
          "only a single query (SELECT, WITH, FROM, VALUES, DESCRIBE, ...) is allowed here, not"
              + " another kind of statement (CREATE, INSERT, COPY, SET, ATTACH, ...)");
    }
    if (parsed.statements() == 0) {
      throw new DuckstringException("no SQL statement found");
    }
    if (parsed.statements() > 1) {
      throw new DuckstringException(
          "expected one SQL statement, found " + parsed.statements() + " (separated by ';')");
    }
  }

  /** " at line L, column C" for a character offset, or "" when unknown. */
  static String where(String sql, Integer position) {
    if (position == null || position < 0 || position > sql.length()) {
      return "";
    }
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < position; i++) {
      if (sql.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return " at line " + line + ", column " + (position - lineStart + 1);
  }
}
