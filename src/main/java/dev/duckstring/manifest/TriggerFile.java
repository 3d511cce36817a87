package dev.duckstring.manifest;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Durations;
import dev.duckstring.model.Trigger;
import java.util.Set;
import org.tomlj.TomlTable;

/**
 * The standing trigger file {@code triggers/m<major>.toml}, read into and written from a {@link
 * Trigger}: {@code kind = "wave"}, or {@code kind = "tide"} with either {@code cron} (+ {@code
 * local}) or {@code every}. Cron expressions are checked by the daemon (cron-utils lives there).
 */
public final class TriggerFile {
  private static final Set<String> KEYS = Set.of("kind", "cron", "local", "every");

  private TriggerFile() {}

  /** Parses a trigger file; one-line errors name {@code file} and the key. */
  public static Trigger parse(String file, byte[] body) {
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
      return new Trigger.Wave();
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
        return new Trigger.Tide(Durations.parse("'every'", every));
      } catch (DuckstringException e) {
        doc.error(t, "every", e.getMessage());
        doc.throwIfErrors();
      }
    }
    return new Trigger.Cron(cron, local != null && local);
  }

  /** The text of the file that declares {@code trigger}. */
  public static String toml(Trigger trigger) {
    if (trigger instanceof Trigger.Cron cron) {
      return "kind = \"tide\"\ncron = "
          + TomlDoc.quote(cron.expression())
          + "\nlocal = "
          + cron.local()
          + "\n";
    }
    if (trigger instanceof Trigger.Tide tide) {
      return "kind = \"tide\"\nevery = " + TomlDoc.quote(tide.bound().toMillis() + "ms") + "\n";
    }
    if (trigger instanceof Trigger.Wave) {
      return "kind = \"wave\"\n";
    }
    throw new IllegalArgumentException("no trigger file form for " + trigger);
  }
}
