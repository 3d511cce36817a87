package dev.duckstring.runner;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Schemas without running anything: the columns of a published generation's tables, and DuckDB's
 * {@code DESCRIBE} of SQL Ripples over published data (for {@code deploy --plan}). Reads only.
 */
public final class SchemaProbe {
  private static final String PLANNED = "duckstring_planned";

  /** The columns (name to type) a SQL Ripple would publish, or why they cannot be known. */
  public record Described(Map<String, String> columns, String error) {
    static Described failed(String error) {
      return new Described(null, error);
    }
  }

  private SchemaProbe() {}

  /**
   * Table to columns (name to type) of every Parquet table in the published {@code generation}:
   * what the schema contract covers ({@link TableSchemas}).
   */
  public static Map<String, Map<String, String>> published(Path generation) {
    return TableSchemas.describe(TableViews.rippleDirs(generation));
  }

  /**
   * DuckDB's {@code DESCRIBE} of each SQL Ripple ({@code sql}: name to SQL text) as it would run
   * over {@code sources} (Source Pond to its published generation, read as {@code pond.table}): a
   * bare name is a parent's planned output, the Ripple's own previous output (in {@code published},
   * this line's generation, may be null), or a command Ripple's published output. Parents are
   * described before their children; a Ripple that cannot be described gets why.
   */
  public static Map<String, Described> describe(
      Map<String, String> sql, Map<String, Path> sources, Path published) {
    Map<String, Described> out = new LinkedHashMap<>();
    try (Connection c = Duck.open(DuckDbOptions.defaults().withThreads(1))) {
      for (Map.Entry<String, Path> e : new TreeMap<>(sources).entrySet()) {
        TableViews.create(c, e.getKey(), TableViews.rippleDirs(e.getValue()));
      }
      Duck.exec(c, "CREATE SCHEMA " + PLANNED);
      Map<String, Path> own = published == null ? Map.of() : TableViews.rippleDirs(published);
      Map<String, Set<String>> refs = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : sql.entrySet()) {
        try {
          refs.put(e.getKey(), TableRefs.infer(c, e.getValue()));
        } catch (SQLException | DuckstringException x) {
          out.put(e.getKey(), Described.failed(Duck.reason(x)));
        }
      }
      boolean progress = true;
      while (progress) {
        progress = false;
        for (Map.Entry<String, Set<String>> e : refs.entrySet()) {
          String ripple = e.getKey();
          if (out.containsKey(ripple) || !parentsDone(ripple, e.getValue(), sql, out)) {
            continue;
          }
          out.put(ripple, plan(c, ripple, sql.get(ripple), e.getValue(), sql, own, out));
          progress = true;
        }
      }
      for (String ripple : sql.keySet()) {
        out.putIfAbsent(ripple, Described.failed("its parents form a cycle"));
      }
    } catch (SQLException e) {
      throw new DuckstringException("cannot describe the SQL Ripples: " + Duck.message(e), e);
    }
    Map<String, Described> ordered = new LinkedHashMap<>();
    sql.keySet().forEach(r -> ordered.put(r, out.get(r)));
    return ordered;
  }

  private static boolean parentsDone(
      String ripple, Set<String> refs, Map<String, String> sql, Map<String, Described> done) {
    for (String ref : refs) {
      String name = ref.toLowerCase(Locale.ROOT);
      if (!name.equals(ripple) && sql.containsKey(name) && !done.containsKey(name)) {
        return false;
      }
    }
    return true;
  }

  private static Described plan(
      Connection c,
      String ripple,
      String text,
      Set<String> refs,
      Map<String, String> sql,
      Map<String, Path> own,
      Map<String, Described> done) {
    try {
      for (String ref : refs) {
        String name = ref.toLowerCase(Locale.ROOT);
        Described parent = done.get(name);
        if (!name.equals(ripple) && parent != null) {
          if (parent.columns() == null) {
            return Described.failed("its parent '" + name + "' cannot be described");
          }
          view(c, name, "SELECT * FROM " + PLANNED + "." + Duck.ident(name));
        } else if (own.containsKey(name) && (name.equals(ripple) || !sql.containsKey(name))) {
          Optional<String> scan = TableViews.scan(own.get(name), name);
          if (scan.isPresent()) {
            view(c, name, "SELECT * FROM " + scan.get());
          }
        }
      }
      String query = SqlQueries.singleQuery(c, text);
      String table = PLANNED + "." + Duck.ident(ripple);
      Duck.exec(c, "CREATE TABLE " + table + " AS SELECT * FROM (\n" + query + "\n) LIMIT 0");
      return new Described(describe(c, "SELECT * FROM " + table), null);
    } catch (SQLException | DuckstringException e) {
      return Described.failed(Duck.reason(e));
    }
  }

  private static void view(Connection c, String name, String select) throws SQLException {
    Duck.exec(c, "CREATE OR REPLACE VIEW " + Duck.ident(name) + " AS " + select);
  }

  private static Map<String, String> describe(Connection c, String select) throws SQLException {
    Map<String, String> columns = new TreeMap<>();
    try (Statement s = c.createStatement();
        ResultSet r = s.executeQuery("DESCRIBE " + select)) {
      while (r.next()) {
        columns.put(r.getString("column_name"), r.getString("column_type"));
      }
    }
    return columns;
  }
}
