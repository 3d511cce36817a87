package dev.duckstring.runner;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The columns (name to DuckDB type, as {@code DESCRIBE} prints it) of the Parquet tables in Ripple
 * output directories: the schema a run would publish, for the contract check (decision 44).
 */
public final class TableSchemas {
  private TableSchemas() {}

  /**
   * For each Ripple directory ({@code ripple} to its output) that holds Parquet (its {@code
   * <ripple>.parquet}, else every {@code *.parquet} in it, as readers see it), its columns in
   * order; a directory without Parquet is no table and is left out. One in-memory connection for
   * all, on the process's one small DuckDB for schema reads (not a new database per call: the
   * daemon reads schemas at every publish); an unreadable file is a one-line error naming the
   * Ripple.
   */
  public static Map<String, Map<String, String>> describe(Map<String, Path> rippleDirs) {
    Map<String, String> scans = new TreeMap<>();
    for (Map.Entry<String, Path> e : rippleDirs.entrySet()) {
      Optional<String> scan = TableViews.scan(e.getValue(), e.getKey());
      if (scan.isPresent() && scan.get().startsWith("read_parquet(")) {
        scans.put(e.getKey(), scan.get());
      }
    }
    Map<String, Map<String, String>> out = new TreeMap<>();
    if (scans.isEmpty()) {
      return out; // no table: no DuckDB
    }
    try (SharedDuck.Scope scope = SharedDuck.SMALL.open()) {
      Connection c = scope.connection();
      for (Map.Entry<String, String> e : scans.entrySet()) {
        out.put(e.getKey(), columns(c, e.getKey(), e.getValue()));
      }
      scope.keep(); // it only prepared statements: the next read may use it
    } catch (SQLException e) {
      throw new DuckstringException("cannot open DuckDB to read schemas: " + Duck.message(e), e);
    }
    return out;
  }

  /**
   * The columns of {@code scan} as {@code DESCRIBE} prints them, read from the metadata of the
   * statement {@code SELECT * FROM scan} prepared and never run: the same bind, and the same type
   * strings (DuckDB's own), in about half the time of running {@code DESCRIBE} (decision 71).
   */
  static Map<String, String> columns(Connection c, String table, String scan) {
    Map<String, String> cols = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + scan)) {
      ResultSetMetaData m = s.getMetaData();
      for (int i = 1; i <= m.getColumnCount(); i++) {
        cols.put(m.getColumnName(i), m.getColumnTypeName(i));
      }
    } catch (SQLException e) {
      throw new DuckstringException(
          "cannot read the schema of table '" + table + "': " + Duck.message(e), e);
    }
    return cols;
  }
}
