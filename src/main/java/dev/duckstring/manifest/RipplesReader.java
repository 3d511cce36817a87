package dev.duckstring.manifest;

import dev.duckstring.model.Diagnostic;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import dev.duckstring.model.RippleEngine;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tomlj.TomlTable;

/** pond.toml's {@code [ripples]} and the project's {@code src/*.sql}: the Pond's Ripples. */
final class RipplesReader {
  private static final Set<String> RIPPLE =
      Set.of("sql", "command", "parents", "timeout", "checks", "engine");

  private RipplesReader() {}

  /**
   * The {@code engine} of {@code table} ({@code [pond]} or one {@code [ripples.<name>]}), or {@code
   * absent} when it sets none; a bad value is a located error naming the accepted engines.
   */
  static RippleEngine engine(TomlDoc doc, TomlTable table, String prefix, RippleEngine absent) {
    Object v = table.get("engine");
    if (v == null) {
      return absent;
    }
    List<String> keys = RippleEngine.keys();
    String accepted = "\"" + String.join("\" or \"", keys) + "\"";
    if (!(v instanceof String s)) {
      doc.error(table, "engine", "'" + prefix + "engine' must be a string: " + accepted);
      return absent;
    }
    RippleEngine e = RippleEngine.byKey(s);
    if (e == null) {
      String hint = Suggest.closest(s, keys).map(c -> " (did you mean \"" + c + "\"?)").orElse("");
      doc.error(
          table,
          "engine",
          "'" + prefix + "engine' = " + TomlDoc.quote(s) + " is not an engine: " + accepted + hint);
      return absent;
    }
    return e;
  }

  /** A Ripple found as {@code src/<name>.sql}, run on the Pond's engine. */
  private static RippleSpec discovered(String name, RippleEngine engine) {
    RippleSpec d = RippleSpec.discovered(name);
    return new RippleSpec(name, d.sql(), d.command(), d.parents(), d.timeout(), engine);
  }

  /**
   * The Ripples of {@code [ripples]} ({@code table}, null when absent) and of {@code src/*.sql}; a
   * SQL Ripple without its own {@code engine} runs on {@code pondEngine}.
   */
  static List<RippleSpec> read(
      TomlDoc doc, Path project, TomlTable table, RippleEngine pondEngine) {
    Map<String, RippleSpec> out = new LinkedHashMap<>();
    Set<String> declared = new TreeSet<>();
    if (table != null) {
      for (String key : table.keySet()) {
        String prefix = "ripples." + key + ".";
        if (!Names.isValid(key)) {
          doc.error(table, key, ManifestReader.invalidName("ripple", key));
          continue;
        }
        TomlTable r = doc.table(table, "ripples.", key);
        if (r == null) {
          continue;
        }
        declared.add(key);
        doc.rejectUnknownKeys(r, prefix, RIPPLE);
        String sql = doc.string(r, prefix, "sql");
        List<String> command = doc.strings(r, prefix, "command");
        List<String> parents = doc.strings(r, prefix, "parents");
        Duration timeout = doc.duration(r, prefix, "timeout");
        RippleEngine own = engine(doc, r, prefix, null);
        if (command != null && own == RippleEngine.SPARK) {
          doc.error(
              r,
              "engine",
              "ripple '"
                  + key
                  + "' runs a command, and 'engine' = \"spark\" is only for SQL Ripples"
                  + " (remove 'engine', or give it 'sql')");
          continue;
        }
        if (sql != null && command != null) {
          doc.error(r, "command", "ripple '" + key + "' has both 'sql' and 'command'; keep one");
          continue;
        }
        if (command != null && command.isEmpty()) {
          doc.error(r, "command", "'" + prefix + "command' must name a program");
          continue;
        }
        if (r.keySet().equals(Set.of("checks"))) {
          continue; // only checks: a Ripple found in src/ (or none, which DataTestsReader names)
        }
        if (sql == null && command == null) {
          sql = "src/" + key + ".sql";
          if (!Files.isRegularFile(project.resolve(sql))) {
            doc.error(
                table,
                key,
                "ripple '" + key + "' has no 'sql' or 'command', and " + sql + " does not exist");
            continue;
          }
        }
        if (sql != null && !checkProjectPath(doc, r, prefix + "sql", project, sql)) {
          continue;
        }
        RippleEngine engine =
            command != null ? RippleEngine.DUCKDB : own == null ? pondEngine : own;
        out.put(
            key,
            new RippleSpec(
                key, sql, command == null ? List.of() : command, parents, timeout, engine));
      }
    }
    for (String discovered : discoverSql(doc, project)) {
      out.putIfAbsent(discovered, discovered(discovered, pondEngine));
    }
    for (RippleSpec spec : out.values()) {
      if (spec.parents() == null) {
        continue;
      }
      for (String parent : spec.parents()) {
        if (!out.containsKey(parent)) {
          doc.error(
              table == null ? null : doc.table(table, "ripples.", spec.name()),
              "parents",
              "ripple '"
                  + spec.name()
                  + "' names unknown parent '"
                  + parent
                  + "'"
                  + Suggest.hint(parent, out.keySet()));
        }
      }
    }
    if (out.isEmpty() && !doc.hasErrors()) {
      doc.diagnostics()
          .add(
              new Diagnostic(
                  ManifestReader.FILE,
                  0,
                  0,
                  "no Ripples: add src/<name>.sql or a [ripples.<name>] table"));
    }
    return new ArrayList<>(out.values());
  }

  private static List<String> discoverSql(TomlDoc doc, Path project) {
    Path src = project.resolve("src");
    if (!Files.isDirectory(src)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (Stream<Path> files = Files.list(src)) {
      for (Path p : files.sorted().collect(Collectors.toList())) {
        String f = p.getFileName().toString();
        if (!f.endsWith(".sql") || f.startsWith(".") || !Files.isRegularFile(p)) {
          continue;
        }
        String stem = f.substring(0, f.length() - 4);
        if (!Names.isValid(stem)) {
          doc.diagnostics()
              .add(
                  new Diagnostic(
                      "src/" + f,
                      0,
                      0,
                      ManifestReader.invalidName("ripple (from file name)", stem)));
          continue;
        }
        names.add(stem);
      }
    } catch (IOException e) {
      throw new DuckstringException("cannot list " + src + ": " + e.getMessage(), e);
    }
    return names;
  }

  private static boolean checkProjectPath(
      TomlDoc doc, TomlTable table, String key, Path project, String relative) {
    String shortKey = key.substring(key.lastIndexOf('.') + 1);
    Path p;
    try {
      p = Path.of(relative);
    } catch (InvalidPathException e) {
      doc.error(table, shortKey, "'" + key + "' is not a valid path: " + relative);
      return false;
    }
    Path resolved = project.resolve(p).normalize();
    if (p.isAbsolute() || !resolved.startsWith(project.normalize())) {
      doc.error(
          table, shortKey, "'" + key + "' = \"" + relative + "\" must stay inside the project");
      return false;
    }
    if (!Files.isRegularFile(resolved)) {
      doc.error(table, shortKey, "'" + key + "' = \"" + relative + "\" does not exist");
      return false;
    }
    return true;
  }
}
