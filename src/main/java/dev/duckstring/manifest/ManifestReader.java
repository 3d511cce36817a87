package dev.duckstring.manifest;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.Diagnostic;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.PondType;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.RetryBudget;
import dev.duckstring.model.RippleEngine;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.SourcePin;
import dev.duckstring.model.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.tomlj.TomlTable;

/** Reads a Pond project's pond.toml strictly, discovering undeclared {@code src/*.sql} Ripples. */
public final class ManifestReader {
  /** The manifest's file name inside a project. */
  public static final String FILE = "pond.toml";

  private static final Set<String> TOP = Set.of("pond", "sources", "ripples", "retry", "tests");
  private static final Set<String> POND =
      Set.of("name", "version", "type", "description", "sla", "deprecated", "engine");
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
    RippleEngine engine = RippleEngine.DUCKDB;
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
      engine = RipplesReader.engine(doc, pond, "pond.", RippleEngine.DUCKDB);
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
    List<RippleSpec> ripples =
        RipplesReader.read(doc, project, doc.table(root, "", "ripples"), engine);
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

  static String invalidName(String what, String name) {
    return what
        + " '"
        + name
        + "' is not a valid name (lower-case letters, digits, '_', starting with a letter)";
  }
}
