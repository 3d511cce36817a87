package dev.duckstring.manifest;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.DataTest.Severity;
import dev.duckstring.model.Diagnostic;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import dev.duckstring.model.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.tomlj.TomlTable;

/**
 * Finds a Pond's SQL tests (decision 48): each {@code tests/<name>.sql}, named by its file like
 * {@code src/*.sql} Ripples, with an optional {@code [tests.<name>] severity} in pond.toml.
 */
final class TestFilesReader {
  private static final Set<String> SEVERITIES = Set.of("error", "warn");

  private TestFilesReader() {}

  /** The SQL tests by name; errors go to {@code doc}. */
  static List<DataTest> read(TomlDoc doc, Path project, TomlTable root) {
    if (root.get("tests") != null && !(root.get("tests") instanceof TomlTable)) {
      doc.error(root, "tests", "'tests' must be a table of [tests.<name>] tables");
    }
    TomlTable settings = root.get("tests") instanceof TomlTable t ? t : null;
    List<DataTest> out = new ArrayList<>();
    Set<String> files = new TreeSet<>(discover(doc, project));
    if (settings != null) {
      for (String key : settings.keySet()) {
        if (!files.contains(key)) {
          doc.error(
              settings,
              key,
              "[tests."
                  + key
                  + "] names no test file tests/"
                  + key
                  + ".sql"
                  + Suggest.hint(key, files));
          continue;
        }
        TomlTable t = doc.table(settings, "tests.", key);
        if (t != null) {
          doc.rejectUnknownKeys(t, "tests." + key + ".", Set.of("severity"));
        }
      }
    }
    for (String name : files) {
      TomlTable t = settings != null && settings.get(name) instanceof TomlTable s ? s : null;
      Severity severity = t == null ? Severity.ERROR : severity(doc, t, "tests." + name + ".");
      out.add(DataTest.sqlFile(name, severity));
    }
    return out;
  }

  private static List<String> discover(TomlDoc doc, Path project) {
    Path dir = project.resolve("tests");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.sorted().toList()) {
        String f = p.getFileName().toString();
        if (!f.endsWith(".sql") || f.startsWith(".") || !Files.isRegularFile(p)) {
          continue;
        }
        String stem = f.substring(0, f.length() - 4);
        if (Names.isValid(stem)) {
          found.add(stem);
        } else {
          doc.diagnostics()
              .add(
                  new Diagnostic(
                      "tests/" + f,
                      0,
                      0,
                      ManifestReader.invalidName("test (from file name)", stem)));
        }
      }
    } catch (IOException e) {
      throw new DuckstringException("cannot list " + dir + ": " + e.getMessage(), e);
    }
    return found;
  }

  /** The {@code severity} of table {@code t}: error (the default) or warn. */
  static Severity severity(TomlDoc doc, TomlTable t, String prefix) {
    String s = doc.string(t, prefix, "severity");
    if (s == null) {
      return Severity.ERROR;
    }
    if (!SEVERITIES.contains(s)) {
      doc.error(
          t,
          "severity",
          "'"
              + prefix
              + "severity' = "
              + TomlDoc.quote(s)
              + " must be error or warn"
              + Suggest.hint(s, SEVERITIES));
      return Severity.ERROR;
    }
    return Severity.valueOf(s.toUpperCase(Locale.ROOT));
  }
}
