package dev.duckstring.runner;

import dev.duckstring.model.DuckstringException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Finds the tables a SQL query reads, from DuckDB's serialised AST (so CTE names are excluded). */
public final class TableRefs {
  private TableRefs() {}

  /**
   * The table references in {@code sql} as written ({@code orders}, {@code src.orders}), sorted;
   * CTE names and table functions are not included. Throws {@link DuckstringException} with
   * DuckDB's parser message for bad SQL and for anything but a single query.
   */
  public static Set<String> infer(String sql) {
    try (Connection c = SharedDuck.SMALL.connection()) { // a parse reads no catalog
      return infer(c, sql);
    } catch (SQLException e) {
      throw new DuckstringException("cannot analyse SQL: " + Duck.message(e), e);
    }
  }

  static Set<String> infer(Connection c, String sql) throws SQLException {
    SqlQueries.Parsed parsed = SqlQueries.parse(c, sql);
    SqlQueries.check(sql, parsed);
    return of(parsed.ast());
  }

  /**
   * The table references in a parsed AST ({@link SqlQueries.Parsed#ast}), walked in Java (decision
   * 57). A node whose {@code type} is {@code BASE_TABLE} is a table reference; a {@code cte_map} on
   * a node names CTEs visible in that node's subtree (its body and its CTE definitions), so an
   * unqualified reference below that node with a CTE's name (in any case) is the CTE, not a table.
   * This is what the {@code json_tree} query it replaced found, node for node.
   */
  static Set<String> of(Object ast) {
    Set<String> refs = new TreeSet<>();
    Deque<Object> nodes = new ArrayDeque<>();
    Deque<Set<String>> scopes = new ArrayDeque<>();
    nodes.push(ast == null ? Map.of() : ast);
    scopes.push(Set.of());
    while (!nodes.isEmpty()) {
      Object node = nodes.pop();
      Set<String> ctes = scopes.pop();
      if (node instanceof List<?> list) {
        for (Object child : list) {
          push(nodes, scopes, child, ctes);
        }
      } else if (node instanceof Map<?, ?> map) {
        ctes = withCtes(ctes, map.get("cte_map"));
        String ref = reference(map, ctes);
        if (ref != null) {
          refs.add(ref);
        }
        for (Object child : map.values()) {
          push(nodes, scopes, child, ctes);
        }
      }
    }
    return Collections.unmodifiableSet(refs);
  }

  private static void push(
      Deque<Object> nodes, Deque<Set<String>> scopes, Object child, Set<String> ctes) {
    if (child instanceof Map<?, ?> || child instanceof List<?>) {
      nodes.push(child);
      scopes.push(ctes);
    }
  }

  /** {@code visible} plus the lower-cased names a {@code cte_map} object defines. */
  private static Set<String> withCtes(Set<String> visible, Object cteMap) {
    if (!(cteMap instanceof Map<?, ?> m) || !(m.get("map") instanceof List<?> entries)) {
      return visible;
    }
    Set<String> names = null;
    for (Object entry : entries) {
      String key = entry instanceof Map<?, ?> e ? text(e.get("key")) : null;
      if (key != null) {
        names = names == null ? new HashSet<>(visible) : names;
        names.add(key.toLowerCase(Locale.ROOT));
      }
    }
    return names == null ? visible : names;
  }

  /** The reference a {@code BASE_TABLE} node names, or null (not a table, or a visible CTE). */
  private static String reference(Map<?, ?> node, Set<String> ctes) {
    String table = text(node.get("table_name"));
    if (!"BASE_TABLE".equals(text(node.get("type"))) || table == null) {
      return null;
    }
    String catalog = blankIfNull(text(node.get("catalog_name")));
    String schema = blankIfNull(text(node.get("schema_name")));
    if (catalog.isEmpty() && schema.isEmpty() && ctes.contains(table.toLowerCase(Locale.ROOT))) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (String part : new String[] {catalog, schema}) {
      if (!part.isEmpty()) {
        b.append(part).append('.');
      }
    }
    return b.append(table).toString();
  }

  /** A JSON scalar's text, as {@code json_extract_string} gives it; null for null or absent. */
  static String text(Object value) {
    if (value == null || value instanceof Map<?, ?> || value instanceof List<?>) {
      return null; // a table, schema or CTE name is always a string in DuckDB's AST
    }
    return value instanceof String s ? s : value.toString();
  }

  private static String blankIfNull(String s) {
    return s == null ? "" : s;
  }
}
