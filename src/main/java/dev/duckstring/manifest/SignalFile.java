package dev.duckstring.manifest;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondVersion;
import java.util.Set;
import org.tomlj.TomlTable;

/**
 * The optional TOML body of a signal file. Empty means "the highest deployed major"; {@code version
 * = 1} or {@code version = "1.2.0"} picks a line.
 */
public record SignalFile(Integer major, PondVersion exact) {
  private static final Set<String> KEYS = Set.of("version");

  /** Parses a signal body; throws a one-line error naming {@code file} when it is garbage. */
  public static SignalFile parse(String file, byte[] body) {
    if (body.length == 0) {
      return new SignalFile(null, null); // a touch, or the CLI's default line: nothing to parse
    }
    TomlDoc doc = TomlDoc.parse(file, body);
    doc.throwIfErrors();
    TomlTable t = doc.root();
    doc.rejectUnknownKeys(t, "", KEYS);
    doc.throwIfErrors();
    Object v = t.get("version");
    if (v == null) {
      return new SignalFile(null, null);
    }
    if (v instanceof Long l && l >= 0 && l < Integer.MAX_VALUE) {
      return new SignalFile(l.intValue(), null);
    }
    if (v instanceof String s && PondVersion.isValid(s)) {
      PondVersion p = PondVersion.parse(s);
      return new SignalFile(p.major(), p);
    }
    doc.error(t, "version", "'version' must be a major number (1) or a version (\"1.2.0\")");
    doc.throwIfErrors();
    throw new DuckstringException("unreachable");
  }

  /** The body the CLI writes for a version choice ({@code null} = default line). */
  public static String body(String version) {
    if (version == null) {
      return "";
    }
    if (version.matches("\\d+")) {
      return "version = " + Integer.parseInt(version) + "\n";
    }
    return "version = " + TomlDoc.quote(PondVersion.parse(version).text()) + "\n";
  }
}
