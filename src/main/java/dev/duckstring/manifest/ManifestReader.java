package dev.duckstring.manifest;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.Diagnostic;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.PondType;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.RetryBudget;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.SourcePin;
import dev.duckstring.model.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tomlj.TomlTable;

/** Reads a Pond project's pond.toml strictly, discovering undeclared {@code src/*.sql} Ripples. */
public final class ManifestReader {
  /** The manifest's file name inside a project. */
  public static final String FILE = "pond.toml";

  private static final Set<String> TOP = Set.of("pond", "sources", "ripples", "retry", "tests");
  private static final Set<String> POND =
      Set.of("name", "version", "type", "description", "sla", "deprecated");
  private static final Set<String> RIPPLE =
      Set.of("sql", "command", "parents", "timeout", "checks");
  private static final Set<String> TYPES =
      Arrays.stream(PondType.values()).map(PondType::label).collect(Collectors.toSet());

  private ManifestReader() {}

  /** Reads {@code project/pond.toml}; throws ManifestException listing every error. */
  public static PondManifest read(Path project) {
    Path file = project.resolve(FILE);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new DuckstringException(
          file + ": error: no pond.toml here (run 'duckstring pond init NAME' to create one)");
    } catch (IOException e) {
      throw new DuckstringException(file + ": error: cannot read: " + e.getMessage(), e);
    }
    return parse(project, FILE, bytes);
  }

  /** Parses manifest {@code bytes} of the project at {@code project}; {@code file} names it. */
  static PondManifest parse(Path project, String file, byte[] bytes) {
    TomlDoc doc = TomlDoc.parse(file, bytes);
    doc.throwIfErrors();
    TomlTable root = doc.root();
    doc.rejectUnknownKeys(root, "", TOP);

    TomlTable pond = doc.table(root, "", "pond");
    String name = null;
    PondVersion version = null;
    PondType type = PondType.POND;
    Duration sla = null;
    String deprecated = null;
    if (pond == null) {
      if (!root.contains("pond")) {
        doc.diagnostics().add(new Diagnostic(file, 0, 0, "missing required table [pond]"));
      }
    } else {
      doc.rejectUnknownKeys(pond, "pond.", POND);
      name = doc.requireString(pond, "pond.", "name");
      if (name != null && !Names.isValid(name)) {
        doc.error(pond, "name", invalidName("pond.name", name));
        name = null;
      }
      String v = doc.requireString(pond, "pond.", "version");
      if (v != null) {
        if (PondVersion.isValid(v)) {
          version = PondVersion.parse(v);
        } else {
          doc.error(pond, "version", "'pond.version' = \"" + v + "\" is not semver (e.g. 1.0.0)");
        }
      }
      sla = doc.duration(pond, "pond.", "sla");
      deprecated = doc.string(pond, "pond.", "deprecated");
      if (deprecated != null && (deprecated.isBlank() || deprecated.contains("\n"))) {
        doc.error(pond, "deprecated", "'pond.deprecated' must be one line saying what to use");
        deprecated = null;
      }
      String t = doc.string(pond, "pond.", "type");
      if (t != null) {
        if (TYPES.contains(t)) {
          type = PondType.valueOf(t.toUpperCase(Locale.ROOT));
        } else {
          doc.error(
              pond,
              "type",
              "'pond.type' = \""
                  + t
                  + "\" must be one of inlet, pond, outlet"
                  + Suggest.hint(t, TYPES));
        }
      }
    }

    List<SourcePin> sources = readSources(doc, doc.table(root, "", "sources"), name);
    List<RippleSpec> ripples = readRipples(doc, project, doc.table(root, "", "ripples"));
    TomlTable retryTable = doc.table(root, "", "retry");
    RetryBudget retry =
        retryTable == null
            ? RetryBudget.NONE
            : BudgetFile.read(doc, retryTable, "retry.").over(RetryBudget.NONE);
    List<DataTest> tests = DataTestsReader.read(doc, project, root, ripples);
    doc.throwIfErrors();
    return new PondManifest(name, version, type, sources, ripples, retry, sla, deprecated, tests);
  }

  private static List<SourcePin> readSources(TomlDoc doc, TomlTable table, String self) {
    List<SourcePin> out = new ArrayList<>();
    if (table == null) {
      return out;
    }
    for (String key : new TreeSet<>(table.keySet())) {
      String spec = doc.string(table, "sources.", key);
      if (!Names.isValid(key)) {
        doc.error(table, key, invalidName("source", key));
        continue;
      }
      if (key.equals(self)) {
        doc.error(table, key, "a Pond cannot be its own Source ('sources." + key + "')");
        continue;
      }
      if (spec == null) {
        continue;
      }
      boolean optional = spec.endsWith("?");
      String v = optional ? spec.substring(0, spec.length() - 1) : spec;
      if (!PondVersion.isValid(v)) {
        doc.error(
            table,
            key,
            "'sources."
                + key
                + "' = \""
                + spec
                + "\" is not a version pin (e.g. \"1.0.0\", or \"1.0.0?\" for optional)");
        continue;
      }
      out.add(new SourcePin(key, PondVersion.parse(v), optional));
    }
    return out;
  }

  private static List<RippleSpec> readRipples(TomlDoc doc, Path project, TomlTable table) {
    Map<String, RippleSpec> out = new LinkedHashMap<>();
    Set<String> declared = new TreeSet<>();
    if (table != null) {
      for (String key : table.keySet()) {
        String prefix = "ripples." + key + ".";
        if (!Names.isValid(key)) {
          doc.error(table, key, invalidName("ripple", key));
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
        out.put(
            key, new RippleSpec(key, sql, command == null ? List.of() : command, parents, timeout));
      }
    }
    for (String discovered : discoverSql(doc, project)) {
      out.putIfAbsent(discovered, RippleSpec.discovered(discovered));
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
                  FILE, 0, 0, "no Ripples: add src/<name>.sql or a [ripples.<name>] table"));
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
              .add(new Diagnostic("src/" + f, 0, 0, invalidName("ripple (from file name)", stem)));
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

  static String invalidName(String what, String name) {
    return what
        + " '"
        + name
        + "' is not a valid name (lower-case letters, digits, '_', starting with a letter)";
  }
}
