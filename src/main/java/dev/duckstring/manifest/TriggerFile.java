package dev.duckstring.manifest;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Durations;
import java.time.Duration;
import java.util.Set;
import org.tomlj.TomlTable;

/**
 * A standing trigger file {@code triggers/m<major>.toml}: {@code kind = "wave"}, or {@code kind =
 * "tide"} with either {@code cron} (+ {@code local}) or {@code every}.
 */
public record TriggerFile(String kind, String cron, boolean local, Duration every) {
  private static final Set<String> KEYS = Set.of("kind", "cron", "local", "every");

  public static TriggerFile wave() {
    return new TriggerFile("wave", null, false, null);
  }

  public static TriggerFile cron(String expression, boolean local) {
    return new TriggerFile("tide", expression, local, null);
  }

  public static TriggerFile every(Duration bound) {
    return new TriggerFile("tide", null, false, bound);
  }

  /** Parses a trigger file; one-line errors name {@code file} and the key. */
  public static TriggerFile parse(String file, byte[] body) {
    TomlDoc doc = TomlDoc.parse(file, body);
    doc.throwIfErrors();
    TomlTable t = doc.root();
    doc.rejectUnknownKeys(t, "", KEYS);
    String kind = doc.requireString(t, "", "kind");
    String cron = doc.string(t, "", "cron");
    Boolean local = doc.bool(t, "", "local");
    String every = doc.string(t, "", "every");
    doc.throwIfErrors();
    if ("wave".equals(kind)) {
      if (cron != null || every != null) {
        doc.error(t, "kind", "a wave takes no 'cron' or 'every'");
      }
      doc.throwIfErrors();
      return wave();
    }
    if (!"tide".equals(kind)) {
      doc.error(t, "kind", "'kind' = \"" + kind + "\" must be \"wave\" or \"tide\"");
      doc.throwIfErrors();
    }
    if ((cron == null) == (every == null)) {
      doc.error(t, "kind", "a tide needs exactly one of 'cron' or 'every'");
      doc.throwIfErrors();
    }
    if (every != null) {
      try {
        return every(Durations.parse("'every'", every));
      } catch (DuckstringException e) {
        doc.error(t, "every", e.getMessage());
        doc.throwIfErrors();
      }
    }
    return cron(cron, local != null && local);
  }

  /** The file's text. */
  public String toToml() {
    StringBuilder b = new StringBuilder("kind = ").append(TomlDoc.quote(kind)).append('\n');
    if (cron != null) {
      b.append("cron = ").append(TomlDoc.quote(cron)).append('\n');
      b.append("local = ").append(local).append('\n');
    }
    if (every != null) {
      b.append("every = ").append(TomlDoc.quote(every.toMillis() + "ms")).append('\n');
    }
    return b.toString();
  }
}
