package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.model.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One SQL Ripple to run.
 *
 * @param ripple the Ripple's name; the output is {@code outputDir/<ripple>.parquet}
 * @param sql one query (SELECT, WITH, FROM, ...); a trailing {@code ;} and comments are allowed
 * @param sources each Source Pond's published generation directory, exposed as {@code pond.table}
 * @param tables the Pond's own completed Ripple output directories, exposed by bare name
 * @param outputDir an existing, empty directory for the output
 * @param timeout stop the query after this long; null for no limit
 */
public record SqlRipple(
    String ripple,
    String sql,
    Map<String, Path> sources,
    Map<String, Path> tables,
    Path outputDir,
    Duration timeout) {
  public SqlRipple {
    Names.check("ripple", ripple);
    requireNonNull(sql, "sql is null");
    sources = Map.copyOf(requireNonNull(sources, "sources is null"));
    sources.keySet().forEach(pond -> Names.check("source pond", pond));
    tables = Map.copyOf(requireNonNull(tables, "tables is null"));
    tables.keySet().forEach(table -> Names.check("table", table));
    requireNonNull(outputDir, "outputDir is null");
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
  }

  /** A SQL Ripple with no time limit. */
  public SqlRipple(
      String ripple,
      String sql,
      Map<String, Path> sources,
      Map<String, Path> tables,
      Path outputDir) {
    this(ripple, sql, sources, tables, outputDir, null);
  }
}
