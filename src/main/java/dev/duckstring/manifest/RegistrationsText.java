package dev.duckstring.manifest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code config.toml} without a TOML parser when it has exactly the shape {@link
 * Registrations} writes (comment and blank lines, {@code [catchments.NAME]}, {@code path = "..."},
 * {@code port = N}, {@code key_file = "..."}): tomlj and its ANTLR grammar cost a CLI start about
 * as much as a hello-world JVM (decision 52). Anything else, including every mistake, is left to
 * the TOML parser and its file:line:col errors: this reader answers null.
 */
final class RegistrationsText {
  private RegistrationsText() {}

  /** The entries of {@code text}, or null when it is not in the written shape. */
  static Map<String, Registrations.Entry> read(String text) {
    Map<String, Map<String, Object>> tables = new LinkedHashMap<>();
    Map<String, Object> table = null;
    for (String raw : text.split("\n", -1)) {
      String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[catchments.") && line.endsWith("]")) {
        String name = line.substring("[catchments.".length(), line.length() - 1);
        if (!bare(name) || tables.containsKey(name)) {
          return null;
        }
        table = new LinkedHashMap<>();
        tables.put(name, table);
        continue;
      }
      int eq = line.indexOf(" = ");
      if (table == null || eq < 0) {
        return null;
      }
      String key = line.substring(0, eq);
      String value = line.substring(eq + 3);
      Object v =
          switch (key) {
            case "path", "key_file" -> string(value);
            case "port" -> port(value);
            default -> null;
          };
      if (v == null || table.put(key, v) != null) {
        return null;
      }
    }
    Map<String, Registrations.Entry> entries = new TreeMap<>();
    for (var t : tables.entrySet()) {
      Map<String, Object> v = t.getValue();
      if (!(v.get("path") instanceof String path)) {
        return null;
      }
      entries.put(
          t.getKey(),
          new Registrations.Entry(
              t.getKey(), path, (Integer) v.get("port"), (String) v.get("key_file")));
    }
    return entries;
  }

  private static boolean bare(String key) {
    if (key.isEmpty()) {
      return false;
    }
    for (char c : key.toCharArray()) {
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')
          && c != '-'
          && c != '_') {
        return false;
      }
    }
    return true;
  }

  /** A decimal port without sign or leading zero, or null. */
  private static Integer port(String value) {
    if (value.isEmpty() || value.length() > 9 || value.length() > 1 && value.charAt(0) == '0') {
      return null;
    }
    for (char c : value.toCharArray()) {
      if (c < '0' || c > '9') {
        return null;
      }
    }
    return Integer.valueOf(value);
  }

  /** A basic string as {@link TomlDoc#quote} writes it, unescaped; null for anything else. */
  private static String string(String value) {
    if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 1; i < value.length() - 1; i++) {
      char c = value.charAt(i);
      if (c == '"' || c < 0x20 || c == 0x7f) {
        return null;
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      if (++i >= value.length() - 1) {
        return null;
      }
      switch (value.charAt(i)) {
        case '"' -> b.append('"');
        case '\\' -> b.append('\\');
        case 'n' -> b.append('\n');
        case 't' -> b.append('\t');
        case 'r' -> b.append('\r');
        default -> {
          return null; // \\uXXXX and the rest: the TOML parser decides
        }
      }
    }
    return b.toString();
  }
}
