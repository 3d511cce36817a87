package dev.duckstring.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Test helper: writes fixture files and reads results back with a plain DuckDB connection. */
public final class TestDuck {
  private TestDuck() {}

  /** Writes the rows of {@code select} to {@code file} in {@code format} (parquet or csv). */
  static Path write(Path file, String select, String format) throws Exception {
    Files.createDirectories(file.getParent());
    exec("COPY (" + select + ") TO '" + file + "' (FORMAT " + format + ")");
    return file;
  }

  static Path parquet(Path file, String select) throws Exception {
    return write(file, select, "parquet");
  }

  static void exec(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Every row of {@code sql}, each value rendered with {@code getString}. */
  public static List<List<String>> rows(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      List<List<String>> rows = new ArrayList<>();
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(r.getString(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** Every row of {@code sql} as one line, its values joined by {@code |}. */
  public static List<String> lines(String sql) throws SQLException {
    return rows(sql).stream().map(r -> String.join("|", r)).toList();
  }
}
