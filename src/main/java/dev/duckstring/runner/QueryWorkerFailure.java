package dev.duckstring.runner;

import dev.duckstring.model.DuckstringException;

/** The query worker process died, ran out of memory or was stopped: not the SQL's fault. */
public final class QueryWorkerFailure extends DuckstringException {
  private static final long serialVersionUID = 1L;

  public QueryWorkerFailure(String message) {
    super(message);
  }
}
