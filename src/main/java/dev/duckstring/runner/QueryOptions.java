package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How {@link QueryService} runs SQL.
 *
 * @param lockedDown for untrusted callers (the HTTP view): DuckDB may read only the generation
 *     directory, loads no extensions, cannot change settings, and nothing may be exported
 * @param timeout stop a statement after this long; null for no limit (not allowed when locked down)
 * @param duckDb threads, memory and spill settings
 */
public record QueryOptions(boolean lockedDown, Duration timeout, DuckDbOptions duckDb) {
  public QueryOptions {
    requireNonNull(duckDb, "duckDb is null");
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    if (lockedDown && timeout == null) {
      throw new IllegalArgumentException("a locked-down query service needs a timeout");
    }
  }

  /** For the local user of the CLI: no time limit, exports allowed. */
  public static QueryOptions trusted() {
    return new QueryOptions(false, null, DuckDbOptions.defaults());
  }

  /** For untrusted callers: locked down, each statement stopped after {@code timeout}. */
  public static QueryOptions lockedDown(Duration timeout) {
    return new QueryOptions(
        true, requireNonNull(timeout, "timeout is null"), DuckDbOptions.defaults());
  }

  /** A copy with the given DuckDB resource settings. */
  public QueryOptions withDuckDb(DuckDbOptions duckDb) {
    return new QueryOptions(lockedDown, timeout, duckDb);
  }
}
