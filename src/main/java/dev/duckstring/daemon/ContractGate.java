package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.GroupCommit;
import dev.duckstring.catchment.SchemaContract;
import dev.duckstring.catchment.SchemaContracts;
import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import dev.duckstring.runner.TableSchemas;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The schema contract check before a publish (decision 44): reads the tables a run would publish,
 * refuses a run that drops or retypes what the contract in force for its version holds, and after
 * the publish writes the contract the run extended (or captured, or rolled back).
 */
final class ContractGate {
  private final CatchmentLayout layout;
  private final SchemaContracts contracts;
  private final EventLog log;

  /** Contracts published and not committed yet: what the next check of their line starts from. */
  private final Map<LineId, SchemaContract> pending = new LinkedHashMap<>();

  /**
   * Schemas of Ripple outputs read by the workers, by output directory, until a check uses them (at
   * most {@link #READ_AHEAD}, the oldest dropped first: a check without one reads it itself).
   */
  private final Map<Path, Map<String, Map<String, String>>> readAhead =
      new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Path, Map<String, Map<String, String>>> e) {
          return size() > READ_AHEAD;
        }
      };

  /** How many read-ahead schemas are kept at most (outputs of runs that never publish go too). */
  static final int READ_AHEAD = 4096;

  ContractGate(CatchmentLayout layout, EventLog log) {
    this.layout = layout;
    this.contracts = new SchemaContracts(layout);
    this.log = log;
  }

  /**
   * What a publish of {@code outputs} (Ripple to output directory) by {@code version} does to the
   * contract: {@code next} to write once published, or {@code broken}, the changes that refuse it.
   */
  record Verdict(SchemaContract before, SchemaContract next, List<String> broken) {
    boolean refused() {
      return !broken.isEmpty();
    }
  }

  /**
   * Checks a run of {@code line} by {@code version} about to publish {@code outputs}; a contract
   * file that is not a contract is a one-line error naming it (the run fails, the data stays).
   */
  Verdict check(LineId line, PondVersion version, Map<String, Path> outputs) {
    SchemaContract before;
    try {
      before =
          pending.containsKey(line)
              ? pending.get(line)
              : contracts.read(line).orElse(SchemaContract.empty(line.toString()));
    } catch (DuckstringException e) {
      throw new DuckstringException(
          "refused to run: "
              + e.getMessage()
              + " (fix it, or recapture it with: duckstring schema CATCHMENT "
              + line.pond()
              + " --reset)",
          e);
    }
    Map<String, Map<String, String>> observed = observe(outputs);
    List<String> broken = before.owed(version).diff(observed);
    SchemaContract next = broken.isEmpty() ? before.extend(observed, version) : before;
    return new Verdict(before, next, broken);
  }

  /** A worker read {@code schema} from Ripple output {@code output} (null: it could not). */
  void read(Path output, Map<String, Map<String, String>> schema) {
    if (schema == null) {
      readAhead.remove(output); // an earlier attempt's read is not this one's
    } else {
      readAhead.put(output, schema);
    }
  }

  /**
   * The tables of {@code outputs} and their columns, as {@link TableSchemas#describe} reads them:
   * from what the workers read where they did (each output once), the rest read here.
   */
  private Map<String, Map<String, String>> observe(Map<String, Path> outputs) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    Map<String, Path> unread = new LinkedHashMap<>();
    for (Map.Entry<String, Path> e : outputs.entrySet()) {
      Map<String, Map<String, String>> read = readAhead.remove(e.getValue());
      if (read == null) {
        unread.put(e.getKey(), e.getValue());
      } else if (read.containsKey(e.getKey())) {
        out.put(e.getKey(), read.get(e.getKey()));
      }
    }
    out.putAll(TableSchemas.describe(unread));
    return out;
  }

  /** The run's one-line error for a refused {@code verdict}. */
  String error(LineId line, Verdict verdict) {
    return "schema contract of "
        + line
        + " broken ("
        + layout.root().relativize(contracts.file(line))
        + "): "
        + String.join("; ", verdict.broken());
  }

  /**
   * The run was published: the contract it captured, extended or rolled back is written in the
   * batch's group commit (decision 58; {@link #stage}).
   */
  void published(LineId line, Verdict verdict, Instant now) {
    if (verdict.next().equals(verdict.before())) {
      return;
    }
    pending.put(line, verdict.next());
    log.append(
        now,
        verdict.before().isEmpty() ? "schema_captured" : "schema_changed",
        Map.of(
            "line", line.toString(),
            "tables", verdict.next().tables().size(),
            "columns", verdict.next().columnCount()));
  }

  /** The lines whose published contract the next commit writes. */
  Set<LineId> pending() {
    return Set.copyOf(pending.keySet());
  }

  /** Adds the contracts published since the last commit to {@code commit}; returns them. */
  Map<LineId, SchemaContract> stage(GroupCommit commit) {
    pending.forEach(
        (line, c) ->
            commit.add(
                GroupCommit.Phase.RECORDS,
                contracts.file(line),
                (Json.write(c) + "\n").getBytes(StandardCharsets.UTF_8)));
    return Map.copyOf(pending);
  }

  /**
   * The commit of {@code staged} ran and could not write {@code failed}: a contract it could not
   * write is published all the same (the next run that publishes extends the file again), journaled
   * as before. A contract published again since it was staged stays pending.
   */
  void committed(Map<LineId, SchemaContract> staged, Set<Path> failed, Instant now) {
    staged.forEach(
        (line, c) -> {
          if (failed.contains(contracts.file(line))) {
            log.append(
                now,
                "daemon_error",
                Map.of("line", line.toString(), "error", "cannot write " + contracts.file(line)));
          }
          pending.remove(line, c);
        });
  }

  /**
   * Deletes the contract of {@code line} (the {@code schema-reset} signal): its next run that
   * publishes captures a new one. Journaled as {@code schema_reset}, or {@code daemon_error}.
   */
  static void reset(CatchmentLayout layout, EventLog log, LineId line, Instant now) {
    try {
      boolean had = new SchemaContracts(layout).delete(line);
      log.append(now, "schema_reset", Map.of("line", line.toString(), "deleted", had));
    } catch (DuckstringException e) {
      log.append(now, "daemon_error", Map.of("line", line.toString(), "error", e.getMessage()));
    }
  }
}
