package dev.duckstring.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** Prints rows as an aligned table for people; null cells print as {@code NULL}. */
final class TextTable {
  private static final int MAX_CELL = 60;

  private TextTable() {}

  static void print(PrintStream out, List<String> header, List<List<String>> rows) {
    print(out, header, rows, false);
  }

  /** Like {@link #print}; {@code wholeLast}: the last column (an error to read) is never cut. */
  static void print(
      PrintStream out, List<String> header, List<List<String>> rows, boolean wholeLast) {
    lines(header, rows, wholeLast).forEach(out::println);
  }

  /** The lines {@link #print} prints, for a caller that draws them itself (status --watch). */
  static List<String> lines(List<String> header, List<List<String>> rows, boolean wholeLast) {
    List<String> out = new ArrayList<>();
    int n = header.size();
    int[] width = new int[n];
    List<List<String>> cells = new ArrayList<>();
    cells.add(header);
    for (List<String> r : rows) {
      List<String> c = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        String v = i < r.size() ? r.get(i) : "";
        v = v == null ? "NULL" : v.replace('\n', ' ');
        boolean cut = v.length() > MAX_CELL && !(wholeLast && i == n - 1);
        c.add(cut ? v.substring(0, MAX_CELL - 1) + "…" : v);
      }
      cells.add(c);
    }
    for (List<String> r : cells) {
      for (int i = 0; i < n; i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    for (List<String> r : cells) {
      StringBuilder b = new StringBuilder();
      for (int i = 0; i < n; i++) {
        b.append(r.get(i));
        if (i < n - 1) {
          b.append(" ".repeat(width[i] - r.get(i).length() + 2));
        }
      }
      out.add(b.toString().stripTrailing());
    }
    return out;
  }
}
