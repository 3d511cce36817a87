package dev.duckstring.runner;

import java.nio.file.Path;

/** Something that answers read-only SQL over one Pond's generation: in-process or in a worker. */
public interface QueryBackend {
  /**
   * At most {@code maxRows} rows and about {@code maxBytes} of values of {@code sql} over {@code
   * scope}; throws {@link dev.duckstring.model.DuckstringException} on error.
   */
  QueryResult query(QueryScope scope, String sql, int maxRows, long maxBytes);

  /** Like {@link #query(QueryScope, String, int, long)}, over {@code pond}'s generation alone. */
  default QueryResult query(
      String pond, Path generationDir, String sql, int maxRows, long maxBytes) {
    return query(QueryScope.of(pond, generationDir), sql, maxRows, maxBytes);
  }
}
