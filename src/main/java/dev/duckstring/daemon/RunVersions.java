package dev.duckstring.daemon;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Which deployed version made a run, and the Source generations a version's Ripples read. */
final class RunVersions {
  private final RunRecorder runs;
  private final Deployments deployments;
  private final Generations generations;

  RunVersions(RunRecorder runs, Deployments deployments, Generations generations) {
    this.runs = runs;
    this.deployments = deployments;
    this.generations = generations;
  }

  /** The version whose code made run {@code f}: its record's, else the one deployed. */
  PondVersion version(LineId line, Instant f, GraphBuilder.Built built) {
    RunRecord r = runs.get(line, f);
    if (r != null && r.version() != null && PondVersion.isValid(r.version())) {
      return PondVersion.parse(r.version());
    }
    Deployed d = built.deployed().get(line);
    if (d == null) {
      throw new DuckstringException(line + " has no deployed version");
    }
    return d.manifest().version();
  }

  /** The deployed version that made run {@code f} (its record's), else the line's current one. */
  Deployed deployed(LineId line, Instant f, GraphBuilder.Built built) {
    Deployed d = built.deployed().get(line);
    RunRecord r = runs.get(line, f);
    if (r != null && r.version() != null && PondVersion.isValid(r.version())) {
      PondVersion v = PondVersion.parse(r.version());
      if (d == null || !d.manifest().version().equals(v)) {
        try {
          return deployments.read(line.pond(), v);
        } catch (DuckstringException e) {
          if (d == null) {
            throw e;
          }
          // the version is gone (a removed deploy): its successor's tests and contract apply
        }
      }
    }
    if (d == null) {
      throw new DuckstringException(line + " has no deployed version");
    }
    return d;
  }

  /** Each Source Pond of {@code d} to its published generation now (none for no version). */
  Map<String, Path> sourceGenerations(Deployed d) {
    Map<String, Path> out = new LinkedHashMap<>();
    if (d == null) {
      return out;
    }
    for (var pin : d.manifest().sources()) {
      generations.current(pin.line()).ifPresent(g -> out.put(pin.pond(), g));
    }
    return out;
  }
}
