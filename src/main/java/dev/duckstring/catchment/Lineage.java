package dev.duckstring.catchment;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.Names;
import dev.duckstring.model.Suggest;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The lineage filter of {@code status POND} (docs/decisions.md §39): the lines named and every line
 * upstream of them, reached through the Source pins ({@code "pond 1.2.0?"}: the pinned major) of
 * the status records alone, so it works on a local root and over HTTP alike.
 */
public final class Lineage {
  private Lineage() {}

  /**
   * The records of {@code all} that {@code selectors} name, with everything upstream, in the order
   * of {@code all}. A selector is {@code POND} (every line of it in {@code all}) or {@code
   * POND@MAJOR} (that line). {@code known} are the Pond names that exist besides those in {@code
   * all} (deployed, no status written yet): naming one selects nothing and is no error. Anything
   * else is a one-line error naming the selector.
   */
  public static List<LineStatus> upstream(
      List<LineStatus> all, Collection<String> known, List<String> selectors) {
    Map<LineId, LineStatus> byLine = new LinkedHashMap<>();
    Set<String> ponds = new TreeSet<>(known);
    for (LineStatus s : all) {
      byLine.put(new LineId(s.pond(), s.major()), s);
      ponds.add(s.pond());
    }
    Deque<LineId> todo = new ArrayDeque<>();
    for (String selector : selectors) {
      todo.addAll(named(selector, byLine.keySet(), ponds));
    }
    Set<LineId> shown = new HashSet<>();
    while (!todo.isEmpty()) {
      LineId line = todo.pop();
      LineStatus s = byLine.get(line);
      if (s == null || !shown.add(line)) {
        continue; // a pinned Source that is not deployed: the line's missingSources tell it
      }
      for (String source : s.sources()) {
        pinned(source).ifPresent(todo::push);
      }
    }
    return all.stream().filter(s -> shown.contains(new LineId(s.pond(), s.major()))).toList();
  }

  /** The lines one selector names, or a one-line error. */
  private static List<LineId> named(String selector, Set<LineId> lines, Set<String> ponds) {
    int at = selector.indexOf('@');
    String pond = at < 0 ? selector : selector.substring(0, at);
    if (!ponds.contains(pond)) {
      Names.check("pond", pond);
      throw new DuckstringException(
          "unknown pond '"
              + pond
              + "'"
              + Suggest.hint(pond, ponds)
              + ": nothing deployed under that name");
    }
    List<LineId> of = lines.stream().filter(l -> l.pond().equals(pond)).toList();
    if (at < 0) {
      return of;
    }
    LineId line = LineId.parse(selector);
    if (!of.contains(line)) {
      throw new DuckstringException(
          "pond '"
              + pond
              + "' has no line "
              + selector
              + " (lines: "
              + (of.isEmpty() ? "none with a status yet" : String.join(", ", names(of)))
              + ")");
    }
    return List.of(line);
  }

  private static List<String> names(List<LineId> lines) {
    return lines.stream().map(LineId::toString).toList();
  }

  /**
   * The line a Source pin as status records it ({@code "pond 1.2.0"}, {@code "pond 2.0.0?"}), or
   * empty for a pin this build cannot read (a record from a newer one): it filters nothing in.
   */
  static Optional<LineId> pinned(String source) {
    String[] parts = source.trim().split("\\s+");
    String major = parts.length < 2 ? "" : parts[1].split("[.?]")[0];
    try {
      return Optional.of(new LineId(parts[0], Integer.parseInt(major)));
    } catch (DuckstringException | NumberFormatException e) {
      return Optional.empty();
    }
  }
}
