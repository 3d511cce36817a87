package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.DuckstringException;
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

/**
 * Read-only SQL over one Pond's published generation: a fresh in-memory DuckDB per call with a view
 * per table, both bare ({@code orders}) and qualified ({@code shop.orders}). Only a single query
 * statement is accepted, checked by DuckDB's parser before anything runs.
 */
public final class QueryService implements QueryBackend {
  private final QueryOptions options;

  public QueryService(QueryOptions options) {
    this.options = requireNonNull(options, "options is null");
  }

  /**
   * Runs {@code sql} over {@code pond}'s generation directory and returns at most {@code maxRows}
   * rows; throws {@link DuckstringException} with DuckDB's one-line message on error.
   */
  public QueryResult query(String pond, Path generationDir, String sql, int maxRows) {
    return query(QueryScope.of(pond, generationDir), sql, maxRows);
  }

  /** Like {@link #query(String, Path, String, int)}, over {@code scope}. */
  public QueryResult query(QueryScope scope, String sql, int maxRows) {
    return query(scope, sql, maxRows, Long.MAX_VALUE);
  }

  /**
   * Like {@link #query(String, Path, String, int)}, and also stops before the rows' {@link #cost
   * cost} passes {@code maxBytes}: DuckDB itself blanks every value past the budget, so no more
   * than about {@code maxBytes} of values ever leave it ({@link QueryResult#byteLimited}).
   */
  @Override
  public QueryResult query(QueryScope scope, String sql, int maxRows, long maxBytes) {
    String pond = scope.pond();
    Path generationDir = scope.generation();
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows must be >= 0, got " + maxRows);
    }
    if (maxBytes < 0) {
      throw new IllegalArgumentException("maxBytes must be >= 0, got " + maxBytes);
    }
    boolean budget = maxBytes != Long.MAX_VALUE;
    try (Connection c = open(scope)) {
      String query = SqlQueries.singleQuery(c, sql);
      List<String> columns = columns(c, query);
      String rendered =
          "SELECT COLUMNS(*)::VARCHAR FROM (\n" + query + "\n) LIMIT " + ((long) maxRows + 1);
      if (budget) {
        rendered = budgeted(query, columns.size(), maxRows, maxBytes);
      }
      SqlQueries.check(rendered, SqlQueries.parse(c, rendered));
      List<List<String>> rows = new ArrayList<>();
      boolean truncated = false;
      boolean byteLimited = false;
      long spent = 0;
      try (PreparedStatement p = c.prepareStatement(rendered)) {
        limitTime(p);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            if (budget && r.getLong(columns.size() + 1) > maxBytes) {
              truncated = true;
              byteLimited = true;
              break;
            }
            if (rows.size() == maxRows) {
              truncated = true;
              break;
            }
            List<String> row = new ArrayList<>(columns.size());
            for (int i = 1; i <= columns.size(); i++) {
              row.add(r.getString(i));
            }
            spent += cost(row);
            if (budget && spent > maxBytes) {
              truncated = true;
              byteLimited = true;
              break;
            }
            rows.add(row);
          }
        }
      }
      return new QueryResult(columns, rows, truncated, byteLimited);
    } catch (SQLException e) {
      throw new DuckstringException(message(e, pond, generationDir), e);
    }
  }

  /** Bytes a value costs beyond its own: quotes, separator and indentation of pretty JSON. */
  static final int VALUE_OVERHEAD = 12;

  /** Bytes a row costs beyond its values: its brackets and indentation in pretty JSON. */
  static final int ROW_OVERHEAD = 16;

  /**
   * What a row costs against a byte budget: each value's UTF-8 bytes as JSON writes them (NULL as
   * {@code null}, escapes counted) plus {@link #VALUE_OVERHEAD}, plus {@link #ROW_OVERHEAD}.
   */
  static long cost(List<String> row) {
    long n = ROW_OVERHEAD;
    for (String v : row) {
      n += VALUE_OVERHEAD + (v == null ? 4 : jsonBytes(v));
    }
    return n;
  }

  private static long jsonBytes(String v) {
    long n = 0;
    for (int i = 0; i < v.length(); i++) {
      char ch = v.charAt(i);
      if (ch == '"'
          || ch == '\\'
          || ch == '\n'
          || ch == '\r'
          || ch == '\t'
          || ch == '\b'
          || ch == '\f') {
        n += 2;
      } else if (ch < 0x20 || ch == '\u2028' || ch == '\u2029') {
        n += 6;
      } else if (ch < 0x80) {
        n += 1;
      } else if (ch < 0x800 || Character.isSurrogate(ch)) {
        n += 2; // a surrogate pair is 4 bytes in UTF-8, 2 per char
      } else {
        n += 3;
      }
    }
    return n;
  }

  /**
   * The query with every value as text plus a running total of the rows' cost (DuckDB's count:
   * UTF-8 bytes without escapes, so never more than {@link #cost}); values of rows past {@code
   * maxBytes} are NULL, so DuckDB hands over at most about {@code maxBytes} of text.
   */
  private static String budgeted(String query, int width, int maxRows, long maxBytes) {
    StringBuilder names = new StringBuilder();
    StringBuilder length = new StringBuilder(Integer.toString(ROW_OVERHEAD));
    StringBuilder values = new StringBuilder();
    for (int i = 1; i <= width; i++) {
      String col = "__ds_c" + i;
      names.append(i > 1 ? ", " : "").append(col);
      length.append(" + coalesce(strlen(").append(col).append("), 4) + ").append(VALUE_OVERHEAD);
      values
          .append("CASE WHEN __ds_cum <= ")
          .append(maxBytes)
          .append(" THEN ")
          .append(col)
          .append(" END, ");
    }
    return "SELECT "
        + values
        + "__ds_cum FROM (\n"
        + "SELECT *, sum(__ds_len) OVER (ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)::BIGINT AS __ds_cum"
        + " FROM (\nSELECT *, "
        + length
        + " AS __ds_len FROM (\n"
        + "SELECT COLUMNS(*)::VARCHAR FROM (\n"
        + query
        + "\n) AS __ds_q("
        + names
        + ")"
        + " LIMIT "
        + ((long) maxRows + 1)
        + ")))";
  }

  /**
   * Writes the whole result of {@code sql} to {@code file} (replaced atomically; parent directories
   * are created) and returns the number of rows written. Not available when locked down.
   */
  public long export(String pond, Path generationDir, String sql, ExportFormat format, Path file) {
    return export(QueryScope.of(pond, generationDir), sql, format, file);
  }

  /** Like {@link #export(String, Path, String, ExportFormat, Path)}, over {@code scope}. */
  public long export(QueryScope scope, String sql, ExportFormat format, Path file) {
    String pond = scope.pond();
    Path generationDir = scope.generation();
    requireNonNull(format, "format is null");
    if (options.lockedDown()) {
      throw new DuckstringException("exporting query results to a file is not allowed here");
    }
    Path target = file.toAbsolutePath().normalize();
    Path tmp = target.resolveSibling(AtomicFiles.tempName(target.getFileName().toString()));
    try (Connection c = open(scope)) {
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
      throw new DuckstringException(message(e, pond, generationDir), e);
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

  /** A fresh database with the views of {@code pond}'s generation alone (see {@link #open}). */
  Connection open(String pond, Path generationDir) throws SQLException {
    return open(QueryScope.of(pond, generationDir));
  }

  /** A fresh database with the scope's views, locked down when the options say so. */
  Connection open(QueryScope scope) throws SQLException {
    return QueryDatabase.open(options, scope);
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

  private String message(SQLException e, String pond, Path generationDir) {
    String m = SqlRippleRunner.failure(e, options.timeout(), new Cancellation());
    return CatalogErrors.explain(m, pond, TableViews.rippleDirs(generationDir));
  }
}
