package dev.duckstring.http;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.Names;
import dev.duckstring.model.PondPin;
import dev.duckstring.runner.QueryBackend;
import dev.duckstring.runner.QueryResult;
import dev.duckstring.runner.QueryScope;
import dev.duckstring.runner.QueryWorkerFailure;
import dev.duckstring.runner.SqlPins;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * {@code /api/query}: one read-only statement over one line's published generation, on a fresh
 * locked-down in-memory DuckDB (see {@link dev.duckstring.runner.QueryOptions#lockedDown}), with a
 * row limit, a byte budget ({@link #MAX_BYTES}), a timeout and at most {@link #CONCURRENT} queries
 * at once.
 */
final class Queries {
  /** Rows returned when the request names no limit. */
  static final int DEFAULT_ROWS = 1000;

  /** The largest limit a request may ask for. */
  static final int MAX_ROWS = 100_000;

  /**
   * The most bytes of rows one answer carries (as pretty JSON, see {@code QueryService.cost}); the
   * rows that fit are sent with {@code "truncatedBy": "bytes"}.
   */
  static final long MAX_BYTES = 8L << 20;

  /** Queries running at once; more wait up to {@link #QUEUE_WAIT_SECONDS}, then get 503. */
  static final int CONCURRENT = 2;

  /** How long a query waits for one of the {@link #CONCURRENT} slots. */
  static final int QUEUE_WAIT_SECONDS = 10;

  /** The longest SQL text accepted. */
  static final int MAX_SQL = 100_000;

  private final Published published;
  private final QueryBackend service;
  private final Semaphore slots = new Semaphore(CONCURRENT);

  Queries(Published published, QueryBackend service) {
    this.published = published;
    this.service = service;
  }

  /**
   * Runs {@code sql} (or {@code SELECT * FROM ripple} when only {@code ripple} is given) over
   * {@code pond}'s line; SQL errors are 400 with DuckDB's message, unknown names 404.
   */
  QueryReply query(
      String pond, String version, String ripple, String sql, int limit, boolean types) {
    if (pond == null) {
      throw HttpFailure.badRequest("give pond=NAME");
    }
    if (sql == null && ripple == null) {
      throw HttpFailure.badRequest("give sql=SQL, or ripple=NAME to look at a Ripple");
    }
    if (sql != null && sql.length() > MAX_SQL) {
      throw HttpFailure.badRequest("sql is longer than " + MAX_SQL + " characters");
    }
    PondPin pin = Published.pin(pond, version);
    SqlPins.Pinned pinned = null;
    try {
      pinned = sql == null ? null : SqlPins.find(sql, pin.pond());
    } catch (DuckstringException e) {
      throw HttpFailure.badRequest(e.getMessage());
    }
    LineId line = published.line(pin);
    Path generation =
        ripple == null ? published.generation(line) : published.ripple(line, ripple).getParent();
    QueryScope scope = QueryScope.of(line.pond(), generation);
    String text;
    if (pinned == null) {
      text = "SELECT * FROM " + Names.check("ripple", ripple);
    } else {
      for (String p : pinned.pins()) {
        LineId other = published.line(new PondPin(line.pond(), p));
        scope = scope.withPin(p, published.generation(other));
      }
      text = pinned.sql();
    }
    try {
      if (!slots.tryAcquire(QUEUE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new HttpFailure(
            503, "too many queries at once (at most " + CONCURRENT + "); try again shortly");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HttpFailure(503, "interrupted");
    }
    try {
      QueryResult result = service.query(scope, text, limit, MAX_BYTES);
      return QueryReply.of(result, types ? types(scope, text, result) : null);
    } catch (HttpFailure e) {
      throw e;
    } catch (QueryWorkerFailure e) {
      throw new HttpFailure(503, e.getMessage());
    } catch (DuckstringException e) {
      throw HttpFailure.badRequest(e.getMessage());
    } finally {
      slots.release();
    }
  }

  /** The DuckDB type of each column, or null when DuckDB cannot describe the statement. */
  private List<String> types(QueryScope scope, String text, QueryResult result) {
    String describe =
        "SELECT column_type FROM (DESCRIBE\n" + text.replaceAll("[\\s;]+$", "") + "\n)";
    try {
      QueryResult d = service.query(scope, describe, result.columns().size() + 1, MAX_BYTES);
      List<String> types = d.rows().stream().map(row -> row.get(0)).toList();
      return types.size() == result.columns().size() ? types : null;
    } catch (DuckstringException e) {
      return null;
    }
  }

  /** Parses {@code limit=}: default {@link #DEFAULT_ROWS}, at most {@link #MAX_ROWS}. */
  static int limit(String value) {
    if (value == null) {
      return DEFAULT_ROWS;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 0 && n <= MAX_ROWS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Falls through to the message.
    }
    throw HttpFailure.badRequest(
        "limit must be a whole number from 0 to " + MAX_ROWS + ", got '" + value + "'");
  }
}
