package dev.duckstring.model;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One difference between two schemas of a table (columns name to type, order-independent), in the
 * one-line form the contract uses: {@code daily.amount: dropped}, {@code daily.amount: DOUBLE ->
 * VARCHAR}, {@code daily.region: added VARCHAR}, {@code table daily: dropped}.
 *
 * @param column null for a change of the whole table
 * @param before the type before (null: the column is added)
 * @param after the type after (null: the column or table is dropped)
 */
public record SchemaChange(String table, String column, String before, String after) {
  public SchemaChange {
    requireNonNull(table, "table is null");
  }

  /** The whole table is gone. */
  public static SchemaChange tableDropped(String table) {
    return new SchemaChange(table, null, null, null);
  }

  /** True when a reader of the old schema breaks: a column or table dropped, a column retyped. */
  public boolean breaking() {
    return after == null || (before != null && !before.equals(after));
  }

  /** The change as one line. */
  public String text() {
    if (column == null) {
      return "table " + table + ": dropped";
    }
    String what = table + "." + column + ": ";
    if (after == null) {
      return what + "dropped";
    }
    return before == null ? what + "added " + after : what + before + " -> " + after;
  }

  /**
   * The changes of {@code table} from columns {@code before} to {@code after} (name to type),
   * dropped and retyped columns first, then added ones, each group by column name.
   */
  public static List<SchemaChange> between(
      String table, Map<String, String> before, Map<String, String> after) {
    List<SchemaChange> breaking = new ArrayList<>();
    List<SchemaChange> added = new ArrayList<>();
    for (String column : new TreeSet<>(before.keySet())) {
      String now = after.get(column);
      if (now == null || !now.equals(before.get(column))) {
        breaking.add(new SchemaChange(table, column, before.get(column), now));
      }
    }
    for (String column : new TreeSet<>(after.keySet())) {
      if (!before.containsKey(column)) {
        added.add(new SchemaChange(table, column, null, after.get(column)));
      }
    }
    breaking.addAll(added);
    return breaking;
  }
}
