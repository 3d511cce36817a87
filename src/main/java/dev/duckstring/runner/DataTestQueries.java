package dev.duckstring.runner;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.DuckstringException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Compiles a pond.toml check (decision 48) to the query that returns its violating rows: not_null,
 * unique (one column or a composite key), accepted_values and row_count. Names are quoted, values
 * are literals, the row_count bound is re-parsed: nothing from pond.toml reaches SQL as text.
 */
public final class DataTestQueries {
  private DataTestQueries() {}

  /** The query over table {@code test.ripple()} returning the rows that violate {@code test}. */
  public static String compile(DataTest test) {
    String table = Duck.ident(test.ripple());
    List<String> columns = test.columns().stream().map(Duck::ident).toList();
    return switch (test.kind()) {
      case NOT_NULL -> "SELECT * FROM " + table + " WHERE " + one(test, columns) + " IS NULL";
      case UNIQUE -> {
        if (columns.isEmpty()) {
          throw new DuckstringException(test.origin() + ": check unique names no column");
        }
        String keys = String.join(", ", columns);
        yield "SELECT "
            + keys
            + ", count(*) AS duplicates FROM "
            + table
            + " GROUP BY "
            + keys
            + " HAVING count(*) > 1";
      }
      case ACCEPTED_VALUES -> {
        if (test.values().isEmpty()) {
          throw new DuckstringException(test.origin() + ": check accepted_values lists no value");
        }
        String column = one(test, columns);
        String values = test.values().stream().map(Duck::literal).collect(Collectors.joining(", "));
        yield "SELECT * FROM "
            + table
            + " WHERE "
            + column
            + " IS NOT NULL AND CAST("
            + column
            + " AS VARCHAR) NOT IN ("
            + values
            + ")";
      }
      case ROW_COUNT ->
          "SELECT count(*) AS row_count FROM "
              + table
              + " HAVING NOT (count(*) "
              + bound(test.bound())
              + ")";
      case SQL -> throw new IllegalArgumentException("a SQL test is its file's query: " + test);
    };
  }

  /**
   * The canonical form {@code "<op> <n>"} of a row_count bound, or a one-line error naming what is
   * expected.
   */
  public static String bound(String text) {
    String bound = DataTest.canonicalBound(text);
    if (bound == null) {
      throw new DuckstringException(
          "row_count must be a comparison and a non-negative integer, such as \">= 1\" (one of >=,"
              + " >, <=, <, =, !=), got "
              + (text == null ? "nothing" : "\"" + text + "\""));
    }
    return bound;
  }

  private static String one(DataTest test, List<String> columns) {
    if (columns.size() != 1) {
      throw new DuckstringException(
          test.origin() + ": check " + test.kind().word() + " names one column, not " + columns);
    }
    return columns.get(0);
  }
}
