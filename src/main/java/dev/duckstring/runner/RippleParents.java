package dev.duckstring.runner;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.RippleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The intra-Pond parents of each Ripple, declared or inferred from the SQL's bare table names, as
 * the daemon's graph and {@code pond run} both order them; the order and cycle check over them.
 */
public final class RippleParents {
  private final Map<String, Set<String>> refsBySql = new HashMap<>();

  public RippleParents() {}

  /**
   * Each Ripple of {@code manifest} (declaration order) to its parents; SQL is read from {@code
   * project}. A SQL file that cannot be read is a one-line error; SQL that does not parse has no
   * inferred parents (the run then fails with DuckDB's message). {@code label} names the Pond in
   * the cycle error ({@code ripples of shop@1 form a cycle: a -> b -> a}).
   */
  public Map<String, List<String>> of(Path project, PondManifest manifest, String label) {
    Set<String> names = new LinkedHashSet<>();
    manifest.ripples().forEach(r -> names.add(r.name()));
    Map<String, List<String>> ripples = new LinkedHashMap<>();
    for (RippleSpec r : manifest.ripples()) {
      ripples.put(r.name(), parents(project, r, names));
    }
    checkAcyclic(label, ripples);
    return ripples;
  }

  private List<String> parents(Path project, RippleSpec r, Set<String> names) {
    if (r.parents() != null) {
      return r.parents();
    }
    if (!r.isSql()) {
      return List.of();
    }
    String sql;
    try {
      sql = Files.readString(project.resolve(r.sql()));
    } catch (IOException e) {
      throw new DuckstringException("cannot read " + r.sql() + ": " + e.getMessage(), e);
    }
    Set<String> refs = refsBySql.computeIfAbsent(sql, RippleParents::refsOrNone);
    List<String> out = new ArrayList<>();
    for (String ref : refs) {
      if (!ref.contains(".") && names.contains(ref) && !ref.equals(r.name())) {
        out.add(ref);
      }
    }
    return out;
  }

  /**
   * The SQL's table references; none if it does not parse (the run then fails with DuckDB's
   * message).
   */
  private static Set<String> refsOrNone(String sql) {
    try {
      return TableRefs.infer(sql);
    } catch (DuckstringException e) {
      return Set.of();
    }
  }

  /**
   * The Ripples in an order that runs every parent before its children, declaration order
   * otherwise; only {@code wanted} and their ancestors when {@code wanted} is not null.
   */
  public static List<String> order(Map<String, List<String>> ripples, String wanted) {
    List<String> out = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (String r : wanted == null ? ripples.keySet() : Set.of(wanted)) {
      place(r, ripples, seen, out);
    }
    return out;
  }

  private static void place(
      String r, Map<String, List<String>> ripples, Set<String> seen, List<String> out) {
    if (!seen.add(r)) {
      return;
    }
    for (String p : ripples.getOrDefault(r, List.of())) {
      if (ripples.containsKey(p)) {
        place(p, ripples, seen, out);
      }
    }
    out.add(r);
  }

  private static void checkAcyclic(String label, Map<String, List<String>> ripples) {
    Map<String, Integer> state = new HashMap<>();
    for (String r : ripples.keySet()) {
      visit(label, r, ripples, state, new ArrayList<>());
    }
  }

  private static void visit(
      String label,
      String r,
      Map<String, List<String>> ripples,
      Map<String, Integer> state,
      List<String> path) {
    Integer s = state.get(r);
    if (s != null && s == 2) {
      return;
    }
    path.add(r);
    if (s != null && s == 1) {
      throw new DuckstringException(
          "ripples of " + label + " form a cycle: " + String.join(" -> ", path));
    }
    state.put(r, 1);
    for (String p : ripples.getOrDefault(r, List.of())) {
      visit(label, p, ripples, state, path);
    }
    state.put(r, 2);
    path.remove(path.size() - 1);
  }
}
