package dev.duckstring.cli;

import dev.duckstring.catchment.SchemaContract;
import dev.duckstring.catchment.SchemaContracts;
import dev.duckstring.deploy.DeployPlan;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.SchemaChange;
import dev.duckstring.runner.SchemaProbe;
import dev.duckstring.runner.SchemaProbe.Described;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The schema part of {@code deploy --plan}: DuckDB's {@code DESCRIBE} of each SQL Ripple over the
 * Sources' published data, compared with what the line publishes now, or with its contract file
 * when there is one (decision 47). Reads only.
 *
 * @param baseline what the Ripples are compared with, as the plan says it
 * @param rows one per table: its name and what happens to it
 * @param breaking the breaking changes, one line each
 */
record PlanSchema(String baseline, List<Row> rows, List<String> breaking) {
  /** One table of the plan: {@code table} and what the deploy does to it. */
  record Row(String table, String effect) {}

  /** Works out the schema part of {@code plan}. */
  static PlanSchema of(DeployPlan plan) {
    String line = plan.manifest().line().toString();
    Map<String, Map<String, String>> before = null;
    String baseline;
    String contractProblem = null;
    if (Files.isRegularFile(plan.contract())) {
      try {
        before = contract(plan.contract(), plan.manifest().version());
      } catch (DuckstringException e) {
        contractProblem = e.getMessage();
      }
    }
    if (before != null) {
      baseline = "the contract of " + line;
    } else if (plan.published() != null) {
      before = SchemaProbe.published(plan.published());
      baseline = "what " + line + " publishes now";
    } else {
      before = Map.of();
      baseline = "nothing: " + line + " has published nothing yet";
    }
    if (contractProblem != null) {
      baseline += " (contract unreadable: " + contractProblem + ")";
    }
    Map<String, Described> described =
        SchemaProbe.describe(plan.sql(), plan.sourceData(), plan.published());
    List<String> silent =
        plan.sources().stream()
            .filter(p -> !plan.sourceData().containsKey(p.pin().pond()))
            .map(p -> p.pin().line().toString())
            .toList();
    String unpublished =
        silent.isEmpty() ? "" : "no published data from " + String.join(", ", silent) + "; ";
    List<Row> rows = new ArrayList<>();
    List<String> breaking = new ArrayList<>();
    for (Map.Entry<String, Described> e : described.entrySet()) {
      String table = e.getKey();
      Described d = e.getValue();
      if (d.columns() == null) {
        rows.add(new Row(table, "not known ahead: " + unpublished + d.error()));
        continue;
      }
      Map<String, String> old = before.get(table);
      if (old == null) {
        rows.add(new Row(table, "new table: " + columns(d.columns())));
        continue;
      }
      List<String> changes = new ArrayList<>();
      for (SchemaChange c : SchemaChange.between(table, normalized(old), normalized(d.columns()))) {
        changes.add(c.text() + (c.breaking() ? " (breaking)" : ""));
        if (c.breaking()) {
          breaking.add(c.text());
        }
      }
      rows.add(new Row(table, changes.isEmpty() ? "unchanged" : String.join(", ", changes)));
    }
    List<String> spark =
        plan.manifest().ripples().stream()
            .filter(RippleSpec::onSpark)
            .map(RippleSpec::name)
            .toList();
    for (String command : plan.commands()) {
      String kind = spark.contains(command) ? "Spark Ripple" : "command Ripple";
      rows.add(new Row(command, kind + ": not known ahead (checked when it runs)"));
    }
    for (String table : before.keySet()) {
      if (!plan.sql().containsKey(table) && !plan.commands().contains(table)) {
        String text = SchemaChange.tableDropped(table).text();
        breaking.add(text);
        rows.add(new Row(table, text + " (breaking: no Ripple of this version makes it)"));
      }
    }
    return new PlanSchema(baseline, rows, breaking);
  }

  /** Types as the contract compares them ({@link SchemaContract#normalize}). */
  private static Map<String, String> normalized(Map<String, String> columns) {
    Map<String, String> out = new TreeMap<>();
    columns.forEach((name, type) -> out.put(name, SchemaContract.normalize(type)));
    return out;
  }

  private static String columns(Map<String, String> columns) {
    List<String> out = new ArrayList<>();
    columns.forEach((name, type) -> out.add(name + " " + type));
    return String.join(", ", out);
  }

  /**
   * What a run of {@code version} must keep of the contract in {@code file} (decision 44), as table
   * to column to type; empty when the file holds no contract, a one-line error when it is garbled.
   */
  static Map<String, Map<String, String>> contract(Path file, PondVersion version) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    SchemaContracts.read(file)
        .map(c -> c.owed(version))
        .ifPresent(
            c ->
                c.tables()
                    .forEach(
                        t -> {
                          Map<String, String> cols = new TreeMap<>();
                          t.columns().forEach(col -> cols.put(col.name(), col.type()));
                          out.put(t.name(), cols);
                        }));
    return out;
  }
}
