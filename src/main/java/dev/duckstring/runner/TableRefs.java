package dev.duckstring.runner;

import dev.duckstring.model.DuckstringException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** Finds the tables a SQL query reads, from DuckDB's serialised AST (so CTE names are excluded). */
public final class TableRefs {
  /*
   * json_tree walks the AST. A BASE_TABLE node is a table reference; a cte_map on a query node
   * names CTEs visible in that node's subtree (its body and its CTE definitions), so an unqualified
   * reference below that node with a CTE's name is the CTE, not a table.
   */
  private static final String REFS =
      "WITH tree AS (SELECT fullkey, key, type, value FROM json_tree(?::JSON)),"
          + " refs AS (SELECT fullkey AS path,"
          + "   coalesce(json_extract_string(value, '$.catalog_name'), '') AS cat,"
          + "   coalesce(json_extract_string(value, '$.schema_name'), '') AS sch,"
          + "   json_extract_string(value, '$.table_name') AS tab"
          + "   FROM tree WHERE type = 'OBJECT'"
          + "   AND json_extract_string(value, '$.type') = 'BASE_TABLE'),"
          + " ctes AS (SELECT left(fullkey, length(fullkey) - length('.cte_map')) AS scope,"
          + "   unnest(json_extract_string(value, '$.map[*].key')) AS name"
          + "   FROM tree WHERE key = 'cte_map' AND type = 'OBJECT')"
          + " SELECT DISTINCT concat_ws('.', nullif(cat, ''), nullif(sch, ''), tab) FROM refs r"
          + " WHERE tab IS NOT NULL AND NOT (cat = '' AND sch = '' AND EXISTS ("
          + "   SELECT 1 FROM ctes c WHERE lower(c.name) = lower(r.tab)"
          + "   AND (r.path = c.scope OR starts_with(r.path, c.scope || '.')"
          + "     OR starts_with(r.path, c.scope || '['))))";

  private TableRefs() {}

  /**
   * The table references in {@code sql} as written ({@code orders}, {@code src.orders}), sorted;
   * CTE names and table functions are not included. Throws {@link DuckstringException} with
   * DuckDB's parser message for bad SQL and for anything but a single query.
   */
  public static Set<String> infer(String sql) {
    try (Connection c = Duck.open(DuckDbOptions.defaults().withThreads(1))) {
      return infer(c, sql);
    } catch (SQLException e) {
      throw new DuckstringException("cannot analyse SQL: " + Duck.message(e), e);
    }
  }

  static Set<String> infer(Connection c, String sql) throws SQLException {
    SqlQueries.Parsed parsed = SqlQueries.parse(c, sql);
    SqlQueries.check(sql, parsed);
    Set<String> refs = new TreeSet<>();
    try (PreparedStatement p = c.prepareStatement(REFS)) {
      p.setString(1, parsed.json());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          refs.add(r.getString(1));
        }
      }
    }
    return Collections.unmodifiableSet(refs);
  }
}
