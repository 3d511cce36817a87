package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The first rows of a query's result, each value rendered as DuckDB renders it as VARCHAR (SQL NULL
 * as Java null); {@code truncated} when the result had more rows than the limit, {@code
 * byteLimited} when it was cut because the rows would have passed a byte budget.
 */
public record QueryResult(
    List<String> columns, List<List<String>> rows, boolean truncated, boolean byteLimited) {
  /** A result cut by rows only. */
  public QueryResult(List<String> columns, List<List<String>> rows, boolean truncated) {
    this(columns, rows, truncated, false);
  }

  public QueryResult {
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    List<List<String>> copy = new ArrayList<>();
    for (List<String> row : requireNonNull(rows, "rows is null")) {
      if (row.size() != columns.size()) {
        throw new IllegalArgumentException(
            "row has " + row.size() + " values for " + columns.size() + " columns");
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }
}
