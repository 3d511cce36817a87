package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/** What a SQL Ripple wrote: its one Parquet file, the rows in it and its size in bytes. */
public record SqlRippleResult(Path file, long rows, long bytes) {
  public SqlRippleResult {
    requireNonNull(file, "file is null");
  }
}
