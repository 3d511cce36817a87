package dev.duckstring.runner;

import dev.duckstring.fs.JsonTree;
import dev.duckstring.model.DuckstringException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks with DuckDB's own parser ({@code json_serialize_sql}) that a text is exactly one query
 * statement, before any of it is executed: DuckDB's JDBC driver would run every statement but the
 * last one at prepare time.
 */
final class SqlQueries {
  /** What DuckDB's parser said about a text: its AST as JSON (and as plain values), or an error. */
  record Parsed(
      String json,
      Object ast,
      boolean error,
      String errorType,
      String errorMessage,
      Integer position,
      int statements) {}

  /** The one query of a text, ready to embed, and what DuckDB's parser said about the text. */
  record Single(String query, Parsed parsed) {}

  private SqlQueries() {}

  /** Parses {@code sql} without executing it. */
  static Parsed parse(Connection c, String sql) throws SQLException {
    return parse(c, List.of(sql)).get(0);
  }

  /**
   * Parses each of {@code texts} without executing any, in one statement: the JSON is read in Java
   * (decision 57), so a parse costs one round trip to DuckDB, not one per text and per field.
   */
  static List<Parsed> parse(Connection c, List<String> texts) throws SQLException {
    StringBuilder select = new StringBuilder("SELECT ");
    for (int i = 0; i < texts.size(); i++) {
      select.append(i == 0 ? "" : ", ").append("json_serialize_sql(?::VARCHAR)");
    }
    List<Parsed> out = new ArrayList<>();
    try (PreparedStatement p = c.prepareStatement(select.toString())) {
      for (int i = 0; i < texts.size(); i++) {
        p.setString(i + 1, texts.get(i));
      }
      try (ResultSet r = p.executeQuery()) {
        r.next();
        for (int i = 0; i < texts.size(); i++) {
          out.add(decode(r.getString(i + 1)));
        }
      }
    }
    return out;
  }

  /**
   * {@code json_serialize_sql}'s answer as a {@link Parsed}, field by field as DuckDB's own {@code
   * json_extract_string} read it before: {@code error} true only when it says so, the position's
   * text as a number, the statements counted only when they are an array.
   */
  private static Parsed decode(String json) {
    Object ast = JsonTree.parse(json, "json_serialize_sql");
    Map<?, ?> root = ast instanceof Map<?, ?> m ? m : Map.of();
    String position = TableRefs.text(root.get("position"));
    return new Parsed(
        json,
        ast,
        "true".equals(TableRefs.text(root.get("error"))),
        TableRefs.text(root.get("error_type")),
        TableRefs.text(root.get("error_message")),
        position == null ? null : Integer.valueOf(position),
        root.get("statements") instanceof List<?> l ? l.size() : 0);
  }

  /**
   * Returns the text of the one query in {@code sql} without a trailing {@code ;} or comments,
   * ready to embed in {@code COPY (...)} or a subquery; throws a one-line error for a parse error,
   * an empty text, several statements, or a statement that is not a query.
   */
  static String singleQuery(Connection c, String sql) throws SQLException {
    return single(c, sql).query();
  }

  /**
   * {@link #singleQuery} with the parse of {@code sql} itself, for callers that also want its AST.
   * The text, the text without its tail and the tail-less text wrapped in a subquery are parsed in
   * one statement.
   */
  static Single single(Connection c, String sql) throws SQLException {
    String trimmed = SqlText.withoutTail(sql);
    List<Parsed> all = parse(c, List.of(sql, trimmed, "SELECT * FROM (\n" + trimmed + "\n)"));
    Parsed parsed = all.get(0);
    check(sql, parsed);
    Parsed again = all.get(1);
    Parsed wrapped = all.get(2);
    if (!again.error()
        && again.json().equals(parsed.json())
        && !wrapped.error()
        && wrapped.statements() == 1) {
      return new Single(trimmed, parsed);
    }
    // The lexer disagreed with DuckDB; fall back to DuckDB's own rendering of the statement.
    try (PreparedStatement p = c.prepareStatement("SELECT json_deserialize_sql(?::JSON)")) {
      p.setString(1, parsed.json());
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return new Single(r.getString(1), parsed);
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
