package dev.duckstring.bench;

import dev.duckstring.fs.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Collects figures and skips, prints them as one table and writes results.json. */
final class Report {
  private final List<Figure> figures = new ArrayList<>();
  private final List<Map<String, String>> skipped = new ArrayList<>();
  private final List<String> summary = new ArrayList<>();
  private final PrintStream log;

  Report(PrintStream log) {
    this.log = log;
  }

  void add(Figure f) {
    figures.add(f);
    log.println("  " + line(f));
  }

  void skip(String section, String what, String reason) {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("section", section);
    s.put("what", what);
    s.put("reason", reason);
    skipped.add(s);
    log.println("  SKIPPED " + section + " " + what + ": " + reason);
  }

  /** A line printed under the table, for a reader who wants the gist. */
  void summary(String line) {
    summary.add(line);
  }

  List<Figure> figures() {
    return figures;
  }

  private static String line(Figure f) {
    return f.section()
        + " "
        + f.name()
        + " "
        + sizes(f)
        + " = "
        + num(f.value())
        + " "
        + f.unit()
        + (f.ratio() == null ? "" : " (x" + num(f.ratio()) + " of " + num(f.floor()) + ")");
  }

  static String num(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    double a = Math.abs(v);
    if (a >= 100) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 10) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.2f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String sizes(Figure f) {
    return f.sizes().entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  /** The one table: section, figure, sizes, value, floor, ratio, target and verdict. */
  String table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"SECTION", "FIGURE", "SIZE", "VALUE", "FLOOR", "RATIO", "TARGET", ""});
    for (Figure f : figures) {
      rows.add(
          new String[] {
            f.section(),
            f.name(),
            sizes(f),
            num(f.value()) + " " + f.unit(),
            f.floor() == null ? "-" : num(f.floor()) + " " + f.unit(),
            f.ratio() == null ? "-" : "x" + num(f.ratio()),
            f.target() == null ? "-" : f.target(),
            f.met() == null ? "" : f.met() ? "ok" : "MISSED"
          });
    }
    int[] w = new int[rows.get(0).length];
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        w[i] = Math.max(w[i], r[i].length());
      }
    }
    StringBuilder b = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder l = new StringBuilder();
      for (int i = 0; i < r.length; i++) {
        l.append(r[i]).append(" ".repeat(w[i] - r[i].length() + 2));
      }
      b.append(l.toString().stripTrailing()).append('\n');
    }
    for (String line : summary) {
      b.append("per hop: ").append(line).append('\n');
    }
    for (Map<String, String> s : skipped) {
      b.append("skipped: ")
          .append(s.get("section"))
          .append(' ')
          .append(s.get("what"))
          .append(": ")
          .append(oneLine(s.get("reason")))
          .append('\n');
    }
    return b.toString();
  }

  void write(Path file, Map<String, Object> header) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>(header);
    doc.put("figures", figures);
    doc.put("skipped", skipped);
    Files.createDirectories(file.getParent());
    Files.writeString(file, Json.write(doc) + "\n");
  }

  /** The table keeps one line per skip: the reason's first and last non-blank lines. */
  private static String oneLine(String reason) {
    List<String> lines = reason.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.size() <= 1) {
      return reason.strip();
    }
    return lines.get(0) + " ... " + lines.get(lines.size() - 1);
  }
}
