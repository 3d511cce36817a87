package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a SQL Ripple wrote: its one Parquet file, the rows in it, its size in bytes and its columns
 * (name to DuckDB type, as {@link TableSchemas} reads them), or null columns when they were not
 * read.
 */
public record SqlRippleResult(Path file, long rows, long bytes, Map<String, String> columns) {
  public SqlRippleResult {
    requireNonNull(file, "file is null");
    columns = columns == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(columns));
  }

  /** A result whose columns were not read (a Spark Ripple's). */
  public SqlRippleResult(Path file, long rows, long bytes) {
    this(file, rows, bytes, null);
  }
}
