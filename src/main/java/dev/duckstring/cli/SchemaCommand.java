package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.catchment.SchemaContract;
import dev.duckstring.catchment.SchemaContracts;
import dev.duckstring.fs.Json;
import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code schema}: prints a line's schema contract (table, column, type, since) and what the newest
 * run, if it was refused, would have broken; {@code --reset} asks the daemon to delete it, so the
 * next run that publishes captures it anew (decision 44).
 */
final class SchemaCommand extends BaseCommand {
  private final OptionSpec<String> version =
      parser
          .accepts(
              "version",
              "the major line (1), or the exact version it runs (1.2.0): its contract in force")
          .withRequiredArg()
          .describedAs("V");
  private final OptionSpec<Void> json = parser.accepts("json", "print JSON for machines");
  private final OptionSpec<Void> reset =
      parser.accepts("reset", "delete the contract: the next run that publishes captures it anew");

  @Override
  public String name() {
    return "schema";
  }

  @Override
  public String summary() {
    return "Show POND's schema contract (its major's tables and columns) and a refused run's diff; --reset recaptures it.";
  }

  @Override
  public String usage() {
    return "duckstring schema CATCHMENT POND [--version V] [--json] [--reset]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 2, 2, "CATCHMENT POND");
    String v = options.valueOf(version);
    if (options.has(reset)) {
      if (options.has(json)) {
        throw new UsageException("--reset takes no --json");
      }
      CatchmentLayout layout = Catchments.writable(env, args.get(0), name());
      LineCommand.Target t = LineCommand.resolve(layout, args.get(1), v, args.get(0));
      if (!Files.exists(layout.contract(t.line()))) {
        throw new DuckstringException(
            t.line()
                + " has no schema contract to reset ("
                + layout.root().relativize(layout.contract(t.line()))
                + ")");
      }
      LineCommand.dropSignal(t, SignalKind.SCHEMA_RESET, env);
      DaemonNotes.afterDrop(env, args.get(0), layout);
      return 0;
    }
    CatchmentLayout layout = ReadSide.local(env, args.get(0));
    LineCommand.Target t = LineCommand.resolve(layout, args.get(1), v, args.get(0));
    LineId line = t.line();
    String file = layout.root().relativize(layout.contract(line)).toString();
    SchemaContract contract = new SchemaContracts(layout).read(line).orElse(null);
    if (contract != null && v != null && PondVersion.isValid(v)) {
      contract = contract.inForce(PondVersion.parse(v));
    }
    RunRecord refused =
        new RunRecords(layout)
            .recent(line, 1).stream().filter(r -> !r.diff().isEmpty()).findFirst().orElse(null);
    if (options.has(json)) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("line", line.toString());
      out.put("file", file);
      out.put("contract", contract);
      out.put("refused", refused == null ? null : refusal(refused));
      env.out().println(Json.write(out));
      return 0;
    }
    if (contract == null) {
      env.out()
          .println(
              line
                  + " has no schema contract yet: the next run that publishes captures it ("
                  + file
                  + ")");
    } else {
      env.out().println(line + " schema contract (" + file + "):");
      List<List<String>> rows = new ArrayList<>();
      for (SchemaContract.Table table : contract.tables()) {
        for (SchemaContract.Column c : table.columns()) {
          rows.add(List.of(table.name(), c.name(), c.type(), c.since()));
        }
      }
      TextTable.print(env.out(), List.of("TABLE", "COLUMN", "TYPE", "SINCE"), rows);
    }
    if (refused != null) {
      env.out()
          .println(
              "run "
                  + refused.id()
                  + " (version "
                  + refused.version()
                  + ") was refused before publishing:");
      refused.diff().forEach(d -> env.out().println("  " + d));
    }
    return 0;
  }

  private static Map<String, Object> refusal(RunRecord r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("run", r.id());
    m.put("version", r.version());
    m.put("diff", r.diff());
    return m;
  }
}
