package dev.duckstring.manifest;

import dev.duckstring.model.RetryBudget;
import java.util.Set;
import org.tomlj.TomlTable;

/**
 * The retry budget of a line: the {@code [retry]} table of pond.toml, and the operator's override
 * file {@code budgets/m<major>.toml} (the same keys at top level: {@code immediate}, {@code
 * on_change}); each key is a whole number from 0 to {@link #MAX}.
 */
public final class BudgetFile {
  /** The largest budget accepted. */
  public static final int MAX = 1000;

  static final Set<String> KEYS = Set.of("immediate", "on_change");

  private BudgetFile() {}

  /** The keys an override file sets; null for a key it leaves to pond.toml. */
  public record Override(Integer immediate, Integer onChange) {
    /** {@code base} with this override's keys. */
    public RetryBudget over(RetryBudget base) {
      return base.with(immediate, onChange);
    }
  }

  /** Parses an override file; one-line errors name {@code file}:line:col and the key. */
  public static Override parse(String file, byte[] body) {
    TomlDoc doc = TomlDoc.parse(file, body);
    doc.throwIfErrors();
    Override o = read(doc, doc.root(), "");
    doc.throwIfErrors();
    return o;
  }

  /** Reads {@code immediate} and {@code on_change} of {@code table}, reporting errors to doc. */
  static Override read(TomlDoc doc, TomlTable table, String prefix) {
    doc.rejectUnknownKeys(table, prefix, KEYS);
    return new Override(
        count(doc, table, prefix, "immediate"), count(doc, table, prefix, "on_change"));
  }

  private static Integer count(TomlDoc doc, TomlTable table, String prefix, String key) {
    Object v = table.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Long n)) {
      doc.error(table, key, "'" + prefix + key + "' must be a whole number (0 or more)");
      return null;
    }
    if (n < 0 || n > MAX) {
      doc.error(table, key, "'" + prefix + key + "' = " + n + " must be between 0 and " + MAX);
      return null;
    }
    return n.intValue();
  }

  /** The text of an override file that sets the non-null keys. */
  public static String toml(Integer immediate, Integer onChange) {
    StringBuilder b = new StringBuilder();
    if (immediate != null) {
      b.append("immediate = ").append(immediate).append('\n');
    }
    if (onChange != null) {
      b.append("on_change = ").append(onChange).append('\n');
    }
    return b.toString();
  }
}
