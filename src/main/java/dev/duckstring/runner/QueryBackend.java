package dev.duckstring.runner;

import java.nio.file.Path;

/** Something that answers read-only SQL over one Pond's generation: in-process or in a worker. */
public interface QueryBackend {
  /**
   * At most {@code maxRows} rows and about {@code maxBytes} of values of {@code sql} over {@code
   * pond}'s generation; throws {@link dev.duckstring.model.DuckstringException} on error.
   */
  QueryResult query(String pond, Path generationDir, String sql, int maxRows, long maxBytes);
}
