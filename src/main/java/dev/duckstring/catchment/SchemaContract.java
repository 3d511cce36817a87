package dev.duckstring.catchment;

import dev.duckstring.model.PondVersion;
import dev.duckstring.model.SchemaChange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * contract.json of one line: the tables its major publishes and, per column, its DuckDB type and
 * the version that added it ({@code since}). Pure: {@link #inForce} is the rollback rule, {@link
 * #diff} the check before a publish and {@link #extend} what a successful run makes of it (decision
 * 44).
 *
 * @param line the line, {@code pond@major}
 * @param tables the tables by name, sorted
 */
public record SchemaContract(String line, List<Table> tables) {
  // normalize's steps, compiled once: a publish normalizes every column's type twice.
  private static final Pattern SPACES = Pattern.compile("\\s+");
  private static final Pattern OPENING = Pattern.compile(" ?([(\\[]) ?");
  private static final Pattern CLOSING = Pattern.compile(" ?([)\\]])");
  private static final Pattern COMMA = Pattern.compile(" ?, ?");
  private static final Pattern DIGIT_COMMA = Pattern.compile("(\\d), (\\d)");

  public SchemaContract {
    tables = List.copyOf(tables);
  }

  /** One published table (a Ripple whose output holds Parquet) and its columns, sorted by name. */
  public record Table(String name, String since, List<Column> columns) {
    public Table {
      columns = List.copyOf(columns);
    }
  }

  /**
   * One column: its DuckDB type as DESCRIBE prints it (normalized) and the version that added it.
   */
  public record Column(String name, String type, String since) {}

  /** An empty contract of {@code line}: nothing captured yet. */
  public static SchemaContract empty(String line) {
    return new SchemaContract(line, List.of());
  }

  /** True when nothing has been captured. */
  public boolean isEmpty() {
    return tables.isEmpty();
  }

  /**
   * The rollback rule: the contract in force for {@code version} is the columns (and tables) added
   * by versions up to {@code version}; what later versions added (say, versions that were yanked)
   * is not required.
   */
  public SchemaContract inForce(PondVersion version) {
    return upTo(version, true);
  }

  /**
   * What a run of {@code version} must keep: what versions before it added. What {@code version}
   * added itself is its own, so a forced redeploy of the same version recaptures it.
   */
  public SchemaContract owed(PondVersion version) {
    return upTo(version, false);
  }

  private SchemaContract upTo(PondVersion version, boolean inclusive) {
    List<Table> out = new ArrayList<>();
    for (Table t : tables) {
      if (kept(t.since(), version, inclusive)) {
        List<Column> cols =
            t.columns().stream().filter(c -> kept(c.since(), version, inclusive)).toList();
        out.add(new Table(t.name(), t.since(), cols));
      }
    }
    return new SchemaContract(line, out);
  }

  private static boolean kept(String since, PondVersion version, boolean inclusive) {
    if (since == null || !PondVersion.isValid(since)) {
      return true; // a hand-made entry without a version: always owed
    }
    int c = PondVersion.parse(since).compareTo(version);
    return inclusive ? c <= 0 : c < 0;
  }

  /**
   * What a run publishing {@code observed} (table to column to type) would break: one line per
   * dropped table ({@code table daily: dropped}), dropped column ({@code daily.region: dropped}) or
   * retyped column ({@code daily.amount: DOUBLE -> VARCHAR}), sorted. Column order does not matter;
   * added tables and columns are not changes. Empty when the run keeps the contract.
   */
  public List<String> diff(Map<String, Map<String, String>> observed) {
    List<String> out = new ArrayList<>();
    for (Table t : tables) {
      Map<String, String> cols = observed.get(t.name());
      if (cols == null) {
        out.add(SchemaChange.tableDropped(t.name()).text());
        continue;
      }
      Map<String, String> owed = new LinkedHashMap<>();
      t.columns().forEach(c -> owed.put(c.name(), normalize(c.type())));
      SchemaChange.between(t.name(), owed, normalized(cols)).stream()
          .filter(SchemaChange::breaking)
          .map(SchemaChange::text)
          .forEach(out::add);
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  /**
   * The contract after a successful run of {@code version} published {@code observed}: the contract
   * in force for {@code version}, plus every table and column it added, marked {@code since} it.
   * Forward only: nothing in force is removed (the run passed {@link #diff}).
   */
  public SchemaContract extend(Map<String, Map<String, String>> observed, PondVersion version) {
    Map<String, Table> byName = new TreeMap<>();
    for (Table t : owed(version).tables()) {
      byName.put(t.name(), t);
    }
    for (Map.Entry<String, Map<String, String>> e : new TreeMap<>(observed).entrySet()) {
      Table old = byName.get(e.getKey());
      Map<String, Column> cols = new TreeMap<>();
      if (old != null) {
        old.columns().forEach(c -> cols.put(c.name(), c));
      }
      normalized(e.getValue())
          .forEach((name, type) -> cols.putIfAbsent(name, new Column(name, type, version.text())));
      String since = old == null ? version.text() : old.since();
      byName.put(e.getKey(), new Table(e.getKey(), since, List.copyOf(cols.values())));
    }
    return new SchemaContract(line, List.copyOf(byName.values()));
  }

  /** The columns a table must keep, or null when the contract has no such table. */
  public Table table(String name) {
    return tables.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
  }

  /** The number of columns over all tables. */
  public int columnCount() {
    return tables.stream().mapToInt(t -> t.columns().size()).sum();
  }

  private static Map<String, String> normalized(Map<String, String> cols) {
    Map<String, String> out = new LinkedHashMap<>();
    cols.forEach((k, v) -> out.put(k, normalize(v)));
    return out;
  }

  /**
   * A DuckDB type as compared: whitespace collapsed, none inside brackets or before commas, one
   * space after a comma but between digits ({@code STRUCT(a INTEGER, b VARCHAR[])}, {@code
   * DECIMAL(18,2)}). Case is kept: the comparison is otherwise exact, so {@code DECIMAL(18,2)} and
   * {@code DECIMAL(18,3)} differ.
   */
  public static String normalize(String type) {
    if (type == null) {
      return "";
    }
    String t = type.strip();
    if (plain(t)) {
      return t; // BIGINT, VARCHAR, TIMESTAMP_NS: no pattern below matches them
    }
    t = SPACES.matcher(t).replaceAll(" ");
    t = OPENING.matcher(t).replaceAll("$1");
    t = CLOSING.matcher(t).replaceAll("$1");
    t = COMMA.matcher(t).replaceAll(", ");
    return DIGIT_COMMA.matcher(t).replaceAll("$1,$2");
  }

  /** True when {@code t} is only letters, digits and underscores: no pattern above matches it. */
  private static boolean plain(String t) {
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (!(c < 128 && (Character.isLetterOrDigit(c) || c == '_'))) {
        return false;
      }
    }
    return true;
  }
}
