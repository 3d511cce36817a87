package dev.duckstring.runner;

/**
 * File formats for {@link QueryService#export}: CSV with a header row, JSON as one array of records
 * ({@code [{"id":1,...},...]}, a single valid JSON document), or Parquet.
 */
public enum ExportFormat {
  CSV("FORMAT csv, HEADER true"),
  JSON("FORMAT json, ARRAY true"),
  PARQUET("FORMAT parquet");

  private final String copyOptions;

  ExportFormat(String copyOptions) {
    this.copyOptions = copyOptions;
  }

  /** The options of DuckDB's {@code COPY ... TO} for this format. */
  String copyOptions() {
    return copyOptions;
  }
}
