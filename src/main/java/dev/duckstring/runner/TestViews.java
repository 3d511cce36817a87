package dev.duckstring.runner;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The views a run of data tests reads, as a SQL Ripple sees them, and the tables it cannot. */
final class TestViews {
  private TestViews() {}

  /**
   * Views as a SQL Ripple sees them, made in {@code scope} (which drops them when it is handed on).
   * A table that cannot be read is left out and returned (its name as written in SQL, lower-case,
   * to why), so it fails only the tests that read it.
   */
  static Map<String, String> make(
      SharedDuck.Scope scope, Map<String, Path> own, Map<String, Path> sources) {
    Map<String, String> broken = new TreeMap<>();
    for (Map.Entry<String, Path> e : new TreeMap<>(own).entrySet()) {
      view(scope, null, e.getKey(), e.getValue(), broken);
    }
    for (Map.Entry<String, Path> e : new TreeMap<>(sources).entrySet()) {
      Map<String, Path> tables;
      try {
        tables = TableViews.rippleDirs(e.getValue());
      } catch (DuckstringException x) {
        broken.put(e.getKey().toLowerCase(Locale.ROOT) + ".*", x.getMessage());
        continue;
      }
      tables.forEach((table, dir) -> view(scope, e.getKey(), table, dir, broken));
    }
    return broken;
  }

  private static void view(
      SharedDuck.Scope scope, String schema, String table, Path dir, Map<String, String> broken) {
    try {
      scope.views(schema, Map.of(table, dir));
    } catch (SQLException | DuckstringException x) {
      String name = (schema == null ? "" : schema + ".") + table;
      String reason = Duck.reason(x);
      broken.put(
          name.toLowerCase(Locale.ROOT),
          "cannot read table '" + name + "' at " + dir + ": " + reason);
    }
  }
}
