package dev.duckstring.manifest;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.Diagnostic;
import dev.duckstring.model.Durations;
import dev.duckstring.model.Suggest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.tomlj.Toml;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/** A parsed TOML file plus the diagnostics found while reading it strictly. */
final class TomlDoc {
  private final String file;
  private final TomlParseResult result;
  private final List<Diagnostic> diagnostics = new ArrayList<>();

  private TomlDoc(String file, TomlParseResult result) {
    this.file = file;
    this.result = result;
    for (TomlParseError e : result.errors()) {
      TomlPosition p = e.position();
      diagnostics.add(
          new Diagnostic(
              file,
              p.line(),
              p.column(),
              e.getMessage().replaceFirst(" \\(line \\d+, column \\d+\\)$", "")));
    }
  }

  /** Parses {@code text}; {@code file} names it in diagnostics. */
  static TomlDoc parse(String file, String text) {
    return new TomlDoc(file, Toml.parse(text));
  }

  /**
   * Parses TOML bytes, which must be UTF-8: malformed bytes are a one-line error naming {@code
   * file}.
   */
  static TomlDoc parse(String file, byte[] bytes) {
    return parse(file, AtomicFiles.decodeUtf8(bytes, file));
  }

  /** The file's name as diagnostics print it, such as {@code pond.toml}. */
  String file() {
    return file;
  }

  boolean hasErrors() {
    return !diagnostics.isEmpty();
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  TomlTable root() {
    return result;
  }

  /** Throws a ManifestException if any diagnostic was recorded. */
  void throwIfErrors() {
    if (!diagnostics.isEmpty()) {
      throw new ManifestException(diagnostics);
    }
  }

  void error(TomlTable table, String key, String message) {
    TomlPosition p = table == null ? null : table.inputPositionOf(key);
    diagnostics.add(
        p == null
            ? new Diagnostic(file, 0, 0, message)
            : new Diagnostic(file, p.line(), p.column(), message));
  }

  /** An error at {@code p} (null: the file as a whole). */
  void errorAt(TomlPosition p, String message) {
    diagnostics.add(
        p == null
            ? new Diagnostic(file, 0, 0, message)
            : new Diagnostic(file, p.line(), p.column(), message));
  }

  /** Reports every key of {@code table} not in {@code allowed}, with a hint. */
  void rejectUnknownKeys(TomlTable table, String prefix, Set<String> allowed) {
    for (String key : table.keySet()) {
      if (!allowed.contains(key)) {
        error(table, key, "unknown key '" + prefix + key + "'" + Suggest.hint(key, allowed));
      }
    }
  }

  /** A required string, or null with a diagnostic. */
  String requireString(TomlTable table, String prefix, String key) {
    if (!table.contains(key)) {
      diagnostics.add(new Diagnostic(file, 0, 0, "missing required key '" + prefix + key + "'"));
      return null;
    }
    return string(table, prefix, key);
  }

  /** An optional string, or null with a diagnostic if it is not a string. */
  String string(TomlTable table, String prefix, String key) {
    Object v = table.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof String s)) {
      error(table, key, "'" + prefix + key + "' must be a string");
      return null;
    }
    return s;
  }

  /** An optional integer, or null. */
  Long integer(TomlTable table, String prefix, String key) {
    Object v = table.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Long l)) {
      error(table, key, "'" + prefix + key + "' must be an integer");
      return null;
    }
    return l;
  }

  /** An optional boolean, or null. */
  Boolean bool(TomlTable table, String prefix, String key) {
    Object v = table.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof Boolean b)) {
      error(table, key, "'" + prefix + key + "' must be true or false");
      return null;
    }
    return b;
  }

  /**
   * An optional positive duration written as a string ({@code "10m"}, {@code "1h30m"}), or null;
   * anything else is a diagnostic at the key naming it and the value.
   */
  Duration duration(TomlTable table, String prefix, String key) {
    Object v = table.get(key);
    if (v == null) {
      return null;
    }
    String problem =
        v instanceof String s ? Durations.problem(s) : "must be a duration string such as \"10m\"";
    if (problem != null) {
      String shown = v instanceof String s ? " = " + quote(s) : "";
      error(table, key, "'" + prefix + key + "'" + shown + " " + problem);
      return null;
    }
    return Durations.parse(prefix + key, (String) v);
  }

  /** An optional array of strings, or null. */
  List<String> strings(TomlTable table, String prefix, String key) {
    Object v = table.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof TomlArray a)) {
      error(table, key, "'" + prefix + key + "' must be an array of strings");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      if (!(a.get(i) instanceof String s)) {
        error(table, key, "'" + prefix + key + "' must be an array of strings");
        return null;
      }
      out.add(s);
    }
    return out;
  }

  /** An optional sub-table, or null. */
  TomlTable table(TomlTable table, String prefix, String key) {
    Object v = table.get(key);
    if (v == null) {
      return null;
    }
    if (!(v instanceof TomlTable t)) {
      error(table, key, "'" + prefix + key + "' must be a table");
      return null;
    }
    return t;
  }

  /** Quotes {@code s} as a TOML basic string. */
  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\t' -> b.append("\\t");
        case '\r' -> b.append("\\r");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
