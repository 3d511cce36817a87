package dev.duckstring.runner;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Ripple's query with each Source table ({@code src.table}) read in place, as the subquery its
 * view would stand for, instead of through a view made and dropped around it (decision 66): three
 * catalog statements fewer per Ripple. Made once per SQL text, from the parser's AST and the text's
 * own characters; a query with anything this does not read the same way keeps the views.
 */
final class InlineScans {
  /** A Source table reference: chars [start, end) of the text, and whether it has no alias. */
  private record Slot(int start, int end, String source, String table, boolean bare) {}

  private final String text;
  private final List<Slot> slots;

  private InlineScans(String text, List<Slot> slots) {
    this.text = text;
    this.slots = List.copyOf(slots);
  }

  /**
   * The inlined form of {@code query} (the text DuckDB parsed as {@code parsed}, possibly without
   * its tail), checked by parsing it once with stand-in scans; null when it has no Source table, or
   * anything that could read differently in place: a table function (it may name a table in a
   * string), a sample or time travel clause, a column named through its schema ({@code
   * src.table.col}), a catalog, or a text this does not find where the parser says.
   */
  static InlineScans of(Connection c, String query, SqlQueries.Parsed parsed) throws SQLException {
    List<Map<?, ?>> tables = new ArrayList<>();
    if (!collect(parsed.ast(), tables)) {
      return null;
    }
    byte[] bytes = query.getBytes(StandardCharsets.UTF_8);
    List<Slot> slots = new ArrayList<>();
    for (Map<?, ?> t : tables) {
      String schema = TableRefs.text(t.get("schema_name"));
      String table = TableRefs.text(t.get("table_name"));
      if (schema == null || schema.isEmpty()) {
        continue; // the Pond's own table, or a CTE: read as before
      }
      Slot slot = slot(query, bytes, t, schema, table);
      if (slot == null) {
        return null;
      }
      slots.add(slot);
    }
    if (slots.isEmpty()) {
      return null;
    }
    slots.sort(Comparator.comparingInt(Slot::start));
    for (int i = 1; i < slots.size(); i++) {
      if (slots.get(i).start() < slots.get(i - 1).end()) {
        return null; // two nodes at one place: not references as written
      }
    }
    InlineScans made = new InlineScans(query, slots);
    String probe = made.render((source, table) -> Optional.of("read_parquet('x')"));
    SqlQueries.Parsed again = SqlQueries.parse(c, probe);
    Set<String> left = new TreeSet<>(TableRefs.of(parsed.ast()));
    for (Slot s : slots) {
      left.remove(s.source() + "." + s.table()); // what stays is the own tables, read by views
    }
    boolean same =
        !again.error() && again.statements() == 1 && TableRefs.of(again.ast()).equals(left);
    return same ? made : null;
  }

  /** How a Source table is read: its scan expression, if the Source has it. */
  interface Scans {
    Optional<String> scan(String source, String table);
  }

  /** The query with each Source table read by its scan; null when one is missing. */
  String render(Scans scans) {
    StringBuilder out = new StringBuilder(text.length() + 128 * slots.size());
    int at = 0;
    for (Slot s : slots) {
      Optional<String> scan = scans.scan(s.source(), s.table());
      if (scan.isEmpty()) {
        return null;
      }
      out.append(text, at, s.start()).append("(SELECT * FROM ").append(scan.get()).append(')');
      if (s.bare()) {
        out.append(" AS ").append(Duck.ident(s.table()));
      }
      at = s.end();
    }
    return out.append(text, at, text.length()).toString();
  }

  /**
   * The query read over {@code sources} (Source Pond to its published generation), each table as
   * {@link TableViews} would make its view; null when a Source or table is not there (its views
   * then give DuckDB's own error).
   */
  String render(Map<String, Path> sources) {
    Map<String, Map<String, Path>> dirs = new HashMap<>();
    return render(
        (source, table) -> {
          Path generation = only(sources, source);
          if (generation == null) {
            return Optional.empty();
          }
          Map<String, Path> tables =
              dirs.computeIfAbsent(source, s -> TableViews.rippleDirs(generation));
          String key = onlyKey(tables, table);
          return key == null ? Optional.empty() : TableViews.scan(tables.get(key), key);
        });
  }

  /** The value whose key is {@code name} in any case, if exactly one is. */
  private static Path only(Map<String, Path> map, String name) {
    String key = onlyKey(map, name);
    return key == null ? null : map.get(key);
  }

  private static String onlyKey(Map<String, Path> map, String name) {
    String found = null;
    for (String k : map.keySet()) {
      if (k.equalsIgnoreCase(name)) {
        if (found != null) {
          return null;
        }
        found = k;
      }
    }
    return found;
  }

  /**
   * Adds every {@code BASE_TABLE} node of {@code ast} to {@code tables}; false at any node that
   * would read differently in place.
   */
  private static boolean collect(Object ast, List<Map<?, ?>> tables) {
    Deque<Object> nodes = new ArrayDeque<>();
    nodes.push(ast == null ? Map.of() : ast);
    while (!nodes.isEmpty()) {
      Object node = nodes.pop();
      if (node instanceof List<?> list) {
        list.forEach(child -> push(nodes, child));
      } else if (node instanceof Map<?, ?> map) {
        String type = TableRefs.text(map.get("type"));
        String cls = TableRefs.text(map.get("class"));
        if ("TABLE_FUNCTION".equals(type) || "SHOW_REF".equals(type)) {
          return false;
        }
        if ("COLUMN_REF".equals(cls) && map.get("column_names") instanceof List<?> names) {
          if (names.size() > 2) {
            return false;
          }
        }
        if ("BASE_TABLE".equals(type)) {
          if (map.get("sample") != null
              || map.get("at_clause") != null
              || !blank(map.get("catalog_name"))) {
            return false;
          }
          tables.add(map);
        }
        map.values().forEach(child -> push(nodes, child));
      }
    }
    return true;
  }

  private static void push(Deque<Object> nodes, Object child) {
    if (child instanceof Map<?, ?> || child instanceof List<?>) {
      nodes.push(child);
    }
  }

  private static boolean blank(Object value) {
    String s = TableRefs.text(value);
    return s == null || s.isEmpty();
  }

  /**
   * The characters of {@code schema.table} at the node's location (a byte offset into the UTF-8
   * text), checked name by name; null when the text there is not that reference.
   */
  private static Slot slot(
      String query, byte[] bytes, Map<?, ?> node, String schema, String table) {
    String where = TableRefs.text(node.get("query_location"));
    long location;
    try {
      location = Long.parseLong(String.valueOf(where));
    } catch (NumberFormatException e) {
      return null; // none, or DuckDB's "no location" (2^64 - 1) for a node the parser made
    }
    if (location < 0 || location >= bytes.length) {
      return null;
    }
    int start = new String(bytes, 0, (int) location, StandardCharsets.UTF_8).length();
    int[] at = {start};
    if (!name(query, at, schema)) {
      return null;
    }
    skipSpace(query, at);
    if (at[0] >= query.length() || query.charAt(at[0]) != '.') {
      return null;
    }
    at[0]++;
    skipSpace(query, at);
    if (!name(query, at, table)) {
      return null;
    }
    return new Slot(start, at[0], schema, table, blank(node.get("alias")));
  }

  /** Reads an identifier at {@code at[0]} and moves past it; true when it spells {@code name}. */
  private static boolean name(String q, int[] at, String name) {
    int i = at[0];
    if (i >= q.length()) {
      return false;
    }
    String read;
    if (q.charAt(i) == '"') {
      int end = SqlText.tokenEnd(q, i);
      if (end <= i + 1 || q.charAt(end - 1) != '"') {
        return false;
      }
      read = q.substring(i + 1, end - 1).replace("\"\"", "\"");
      at[0] = end;
      return read.equals(name);
    }
    int end = i;
    while (end < q.length() && SqlText.isIdentChar(q.charAt(end))) {
      end++;
    }
    read = q.substring(i, end);
    at[0] = end;
    return !read.isEmpty() && read.toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT));
  }

  private static void skipSpace(String q, int[] at) {
    int i = at[0];
    while (i < q.length()) {
      char c = q.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (q.startsWith("--", i)) {
        i = SqlText.lineEnd(q, i);
      } else if (q.startsWith("/*", i)) {
        i = SqlText.blockCommentEnd(q, i);
      } else {
        break;
      }
    }
    at[0] = i;
  }
}
