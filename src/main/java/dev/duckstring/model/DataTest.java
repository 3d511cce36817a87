package dev.duckstring.model;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One data test of a Pond (decision 48): a query that returns the rows violating it, where zero
 * rows pass. Either a SQL file {@code tests/<name>.sql} or a check declared per Ripple in
 * pond.toml's {@code [ripples.<r>.checks]}, compiled to the same kind of query.
 *
 * @param name {@code <name>} for {@code tests/<name>.sql}; {@code <ripple>.<kind>.<column>} for a
 *     column check (composite unique columns joined by {@code +}), {@code <ripple>.row_count}
 * @param kind SQL for a test file, else the check
 * @param ripple the checked Ripple's table (checks); null for a SQL test
 * @param columns the checked columns: one for not_null and accepted_values, one or more (composite)
 *     for unique, none for row_count and SQL tests
 * @param values the accepted values (accepted_values), else empty
 * @param bound the row_count comparison, such as {@code ">= 1"}; null for other kinds
 * @param file project-relative path of the test's SQL ({@code tests/<name>.sql}); null for checks
 * @param severity ERROR fails the run and keeps the last good generation; WARN publishes and
 *     records a warning
 * @param origin where it is declared, for messages: {@code tests/x.sql} or {@code pond.toml:L:C}
 */
public record DataTest(
    String name,
    Kind kind,
    String ripple,
    List<String> columns,
    List<String> values,
    String bound,
    String file,
    Severity severity,
    String origin) {
  private static final Pattern BOUND = Pattern.compile("\\s*(>=|<=|!=|>|<|=)\\s*(\\d{1,18})\\s*");

  /** What a data test checks. */
  public enum Kind {
    SQL,
    NOT_NULL,
    UNIQUE,
    ACCEPTED_VALUES,
    ROW_COUNT;

    /** The word used in pond.toml and in names: {@code not_null}, {@code row_count}, ... */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What a failing test does to the run. */
  public enum Severity {
    ERROR,
    WARN;

    /** The word used in pond.toml and run.json: {@code error} or {@code warn}. */
    public String word() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public DataTest {
    requireNonNull(name, "name is null");
    requireNonNull(kind, "kind is null");
    columns = List.copyOf(requireNonNull(columns, "columns is null"));
    values = List.copyOf(requireNonNull(values, "values is null"));
    requireNonNull(severity, "severity is null");
    requireNonNull(origin, "origin is null");
    if ((kind == Kind.SQL) != (file != null)) {
      throw new IllegalArgumentException("a SQL test has a file and a check has none: " + name);
    }
    if ((kind == Kind.SQL) == (ripple != null)) {
      throw new IllegalArgumentException("a check names its ripple and a SQL test none: " + name);
    }
  }

  /**
   * The check {@code kind} on Ripple {@code ripple}, named {@code <ripple>.<kind>.<columns>}
   * (composite columns joined by {@code +}), or {@code <ripple>.row_count}.
   */
  public static DataTest check(
      String ripple,
      Kind kind,
      List<String> columns,
      List<String> values,
      String bound,
      Severity severity,
      String origin) {
    String name =
        ripple + "." + kind.word() + (columns.isEmpty() ? "" : "." + String.join("+", columns));
    return new DataTest(name, kind, ripple, columns, values, bound, null, severity, origin);
  }

  /**
   * The canonical form {@code "<op> <n>"} of a row_count bound such as {@code ">= 1"} (one of
   * {@code >=, >, <=, <, =, !=} and a non-negative integer), or null when {@code text} is none.
   */
  public static String canonicalBound(String text) {
    Matcher m = text == null ? null : BOUND.matcher(text);
    return m == null || !m.matches() ? null : m.group(1) + " " + Long.parseLong(m.group(2));
  }

  /** The SQL test {@code tests/<name>.sql}. */
  public static DataTest sqlFile(String name, Severity severity) {
    String file = "tests/" + name + ".sql";
    return new DataTest(name, Kind.SQL, null, List.of(), List.of(), null, file, severity, file);
  }
}
