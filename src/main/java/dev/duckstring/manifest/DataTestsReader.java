package dev.duckstring.manifest;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.DataTest.Kind;
import dev.duckstring.model.DataTest.Severity;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.Suggest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.tomlj.TomlArray;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Reads a Pond's data tests (decision 48): {@code tests/*.sql} (with an optional {@code
 * [tests.<name>] severity}) and the checks of {@code [ripples.<r>.checks]}, each located at its
 * value in pond.toml ({@code pond.toml:L:C}).
 */
final class DataTestsReader {
  private static final Set<String> CHECKS =
      Set.of("not_null", "unique", "accepted_values", "row_count", "severity");

  private final TomlDoc doc;
  private final Set<String> names = new HashSet<>();
  private final List<DataTest> out = new ArrayList<>();

  private DataTestsReader(TomlDoc doc) {
    this.doc = doc;
  }

  /** The SQL tests (by name) then the checks (in declaration order); errors go to {@code doc}. */
  static List<DataTest> read(TomlDoc doc, Path project, TomlTable root, List<RippleSpec> ripples) {
    DataTestsReader reader = new DataTestsReader(doc);
    for (DataTest test : TestFilesReader.read(doc, project, root)) {
      reader.names.add(test.name());
      reader.out.add(test);
    }
    if (root.get("ripples") instanceof TomlTable table) {
      Set<String> known = new TreeSet<>();
      ripples.forEach(r -> known.add(r.name()));
      for (String ripple : table.keySet()) {
        if (table.get(ripple) instanceof TomlTable r && r.contains("checks")) {
          reader.checks(ripple, r, known);
        }
      }
    }
    return reader.out;
  }

  private void checks(String ripple, TomlTable r, Set<String> known) {
    String prefix = "ripples." + ripple + ".checks.";
    if (!known.contains(ripple)) {
      doc.error(
          r,
          "checks",
          "'ripples."
              + ripple
              + ".checks' is on unknown ripple '"
              + ripple
              + "'"
              + Suggest.hint(ripple, known));
      return;
    }
    TomlTable checks = doc.table(r, "ripples." + ripple + ".", "checks");
    if (checks == null) {
      return;
    }
    doc.rejectUnknownKeys(checks, prefix, CHECKS);
    Severity severity = TestFilesReader.severity(doc, checks, prefix);
    for (String key : checks.keySet()) {
      switch (key) {
        case "not_null" -> {
          TomlArray a = array(checks, prefix, key);
          for (int i = 0; a != null && i < a.size(); i++) {
            String column = column(a.get(i), a.inputPositionOf(i), prefix + key);
            if (column != null) {
              add(
                  ripple,
                  Kind.NOT_NULL,
                  List.of(column),
                  List.of(),
                  null,
                  severity,
                  a.inputPositionOf(i));
            }
          }
        }
        case "unique" -> {
          TomlArray a = array(checks, prefix, key);
          for (int i = 0; a != null && i < a.size(); i++) {
            List<String> columns = key(a.get(i), a.inputPositionOf(i), prefix + key);
            if (columns != null) {
              add(ripple, Kind.UNIQUE, columns, List.of(), null, severity, a.inputPositionOf(i));
            }
          }
        }
        case "accepted_values" -> acceptedValues(ripple, checks, prefix, severity);
        case "row_count" -> {
          String text = checks.get(key) instanceof String s ? s : null;
          String bound = DataTest.canonicalBound(text);
          if (bound == null) {
            doc.error(
                checks,
                key,
                "'"
                    + prefix
                    + key
                    + "' must be a comparison and a non-negative integer such as \">= 1\" (one"
                    + " of >=, >, <=, <, =, !=)"
                    + (text == null ? "" : ", got " + TomlDoc.quote(text)));
          } else {
            add(
                ripple,
                Kind.ROW_COUNT,
                List.of(),
                List.of(),
                bound,
                severity,
                checks.inputPositionOf(key));
          }
        }
        default -> {
          // severity is read above; unknown keys are reported by rejectUnknownKeys
        }
      }
    }
  }

  private void acceptedValues(String ripple, TomlTable checks, String prefix, Severity severity) {
    TomlTable columns = doc.table(checks, prefix, "accepted_values");
    if (columns == null) {
      return;
    }
    if (columns.isEmpty()) {
      doc.error(
          checks,
          "accepted_values",
          "'"
              + prefix
              + "accepted_values' must map columns to values, such as { status ="
              + " [\"open\", \"closed\"] }");
    }
    for (String column : columns.keySet()) {
      String where = prefix + "accepted_values." + column;
      List<String> values = new ArrayList<>();
      TomlArray a = columns.get(column) instanceof TomlArray array ? array : null;
      boolean ok = a != null && !a.isEmpty();
      for (int i = 0; ok && i < a.size(); i++) {
        Object v = a.get(i);
        ok = v instanceof String || v instanceof Long || v instanceof Double;
        values.add(String.valueOf(v));
      }
      if (!ok) {
        doc.error(
            columns, column, "'" + where + "' must be a non-empty array of strings or numbers");
      } else if (!column.isBlank()) {
        add(
            ripple,
            Kind.ACCEPTED_VALUES,
            List.of(column),
            values,
            null,
            severity,
            columns.inputPositionOf(column));
      }
    }
  }

  private TomlArray array(TomlTable checks, String prefix, String key) {
    if (checks.get(key) instanceof TomlArray a && !a.isEmpty()) {
      return a;
    }
    doc.error(checks, key, "'" + prefix + key + "' must be a non-empty array of column names");
    return null;
  }

  private String column(Object v, TomlPosition at, String where) {
    if (v instanceof String s && !s.isBlank() && !s.contains("\n")) {
      return s;
    }
    doc.errorAt(at, "'" + where + "' entries must be column names (non-empty strings)");
    return null;
  }

  /** A unique key: one column, or an inner array of columns (a composite key). */
  private List<String> key(Object v, TomlPosition at, String where) {
    if (v instanceof TomlArray inner && !inner.isEmpty()) {
      List<String> columns = new ArrayList<>();
      for (int j = 0; j < inner.size(); j++) {
        String c = column(inner.get(j), inner.inputPositionOf(j), where);
        if (c == null) {
          return null;
        }
        columns.add(c);
      }
      return columns;
    }
    if (v instanceof TomlArray) {
      doc.errorAt(at, "'" + where + "' entries must be a column or a non-empty array of columns");
      return null;
    }
    String c = column(v, at, where);
    return c == null ? null : List.of(c);
  }

  private void add(
      String ripple,
      Kind kind,
      List<String> columns,
      List<String> values,
      String bound,
      Severity severity,
      TomlPosition at) {
    String origin = doc.file() + ":" + at.line() + ":" + at.column();
    DataTest test = DataTest.check(ripple, kind, columns, values, bound, severity, origin);
    if (!names.add(test.name())) {
      doc.errorAt(at, "check '" + test.name() + "' is declared twice");
      return;
    }
    out.add(test);
  }
}
