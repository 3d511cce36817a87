package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Read-only SQL over one Pond's published generation: a fresh in-memory DuckDB per call with a view
 * per table, both bare ({@code orders}) and qualified ({@code shop.orders}). Only a single query
 * statement is accepted, checked by DuckDB's parser before anything runs.
 */
public final class QueryService {
  private final QueryOptions options;

  public QueryService(QueryOptions options) {
    this.options = requireNonNull(options, "options is null");
  }

  /**
   * Runs {@code sql} over {@code pond}'s generation directory and returns at most {@code maxRows}
   * rows; throws {@link DuckstringException} with DuckDB's one-line message on error.
   */
  public QueryResult query(String pond, Path generationDir, String sql, int maxRows) {
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows);
    }
    try (Connection c = open(pond, generationDir)) {
      String query = SqlQueries.singleQuery(c, sql);
      List<String> columns = columns(c, query);
      String rendered =
          "SELECT COLUMNS(*)::VARCHAR FROM (\n" + query + "\n) LIMIT " + ((long) maxRows + 1);
      SqlQueries.check(rendered, SqlQueries.parse(c, rendered));
      List<List<String>> rows = new ArrayList<>();
      boolean truncated = false;
      try (PreparedStatement p = c.prepareStatement(rendered)) {
        limitTime(p);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            if (rows.size() == maxRows) {
              truncated = true;
              break;
            }
            List<String> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
              row.add(r.getString(i));
            }
            rows.add(row);
          }
        }
      }
      return new QueryResult(columns, rows, truncated);
    } catch (SQLException e) {
      throw new DuckstringException(message(e), e);
    }
  }

  /**
   * Writes the whole result of {@code sql} to {@code file} (replaced atomically; parent directories
   * are created) and returns the number of rows written. Not available when locked down.
   */
  public long export(String pond, Path generationDir, String sql, ExportFormat format, Path file) {
    requireNonNull(format, "format is null");
    if (options.lockedDown()) {
      throw new DuckstringException("exporting query results to a file is not allowed here");
    }
    Path target = file.toAbsolutePath().normalize();
    Path tmp = target.resolveSibling(AtomicFiles.tempName(target.getFileName().toString()));
    try (Connection c = open(pond, generationDir)) {
      String query = SqlQueries.singleQuery(c, sql);
      Files.createDirectories(target.getParent());
      long rows;
      try (Statement s = c.createStatement()) {
        limitTime(s);
        rows =
            s.executeLargeUpdate(
                "COPY (\n"
                    + query
                    + "\n) TO "
                    + Duck.literal(tmp)
                    + " ("
                    + format.copyOptions()
                    + ")");
      }
      AtomicFiles.move(tmp, target);
      AtomicFiles.fsyncDirectory(target.getParent());
      return rows;
    } catch (SQLException e) {
      throw new DuckstringException(message(e), e);
    } catch (IOException e) {
      throw new DuckstringException("cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException e) {
        // Best effort: a leftover dot-file is skipped by every scanner.
      }
    }
  }

  /**
   * A fresh database with the Pond's views; when locked down, configured in the order that makes
   * each setting stick: allowed directory, extensions off, external access off, lock.
   */
  Connection open(String pond, Path generationDir) throws SQLException {
    Names.check("pond", pond);
    if (!Files.isDirectory(generationDir)) {
      throw new DuckstringException("no published data for Pond '" + pond + "' at " + generationDir);
    }
    Map<String, Path> dirs = TableViews.rippleDirs(generationDir);
    Connection c = Duck.open(options.duckDb());
    try {
      TableViews.create(c, null, dirs);
      if (!pond.equals("main")) {
        TableViews.create(c, pond, dirs);
      }
      if (options.lockedDown()) {
        Duck.exec(c, "SET allowed_directories = [" + Duck.literal(generationDir) + "]");
        Duck.exec(c, "SET autoinstall_known_extensions = false");
        Duck.exec(c, "SET autoload_known_extensions = false");
        Duck.exec(c, "SET allow_community_extensions = false");
        Duck.exec(c, "SET enable_external_access = false");
        Duck.exec(c, "SET lock_configuration = true");
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private List<String> columns(Connection c, String query) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(query)) {
      ResultSetMetaData m = p.getMetaData();
      List<String> names = new ArrayList<>(m.getColumnCount());
      for (int i = 1; i <= m.getColumnCount(); i++) {
        names.add(m.getColumnName(i));
      }
      return names;
    }
  }

  private void limitTime(Statement s) throws SQLException {
    if (options.timeout() != null) {
      s.setQueryTimeout(SqlRippleRunner.seconds(options.timeout()));
    }
  }

  private String message(SQLException e) {
    return SqlRippleRunner.failure(e, options.timeout(), new Cancellation());
  }
}
