package dev.duckstring.http;

import dev.duckstring.runner.QueryResult;
import java.util.List;

/**
 * The body of {@code GET /api/query}: column names, rows of values as DuckDB renders them as text
 * (SQL NULL as null), whether more rows existed than were sent, what cut them ({@code "rows"}: the
 * row limit; {@code "bytes"}: the byte budget; null when nothing was cut), and (with {@code
 * types=true}) each column's DuckDB type, or null when it could not be described.
 */
public record QueryReply(
    List<String> columns,
    List<String> types,
    List<List<String>> rows,
    boolean truncated,
    String truncatedBy) {
  static QueryReply of(QueryResult r, List<String> types) {
    String by = !r.truncated() ? null : r.byteLimited() ? "bytes" : "rows";
    return new QueryReply(r.columns(), types, r.rows(), r.truncated(), by);
  }

  /** Whether the answer was cut by the server's byte budget rather than by the row limit. */
  public boolean byteLimited() {
    return "bytes".equals(truncatedBy);
  }

  /** The rows as the runner's result (for printing like a local query). */
  public QueryResult result() {
    return new QueryResult(columns, rows, truncated, byteLimited());
  }
}
