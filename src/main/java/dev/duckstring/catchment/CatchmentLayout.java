package dev.duckstring.catchment;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.Names;
import dev.duckstring.model.PondVersion;
import java.nio.file.Path;

/**
 * Every path inside a Catchment root, and nothing else: the one class that knows the layout. See
 * catchment-layout/README.md for each path's writer and format.
 */
public final class CatchmentLayout {
  private final Path root;

  public CatchmentLayout(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** Operator-owned settings: name, port, bind address, poll interval. */
  public Path config() {
    return root.resolve("catchment.toml");
  }

  /** Daemon lease for humans: a symbolic link to the current generation's file. */
  public Path lock() {
    return root.resolve("catchment.lock");
  }

  /** Generation {@code n} of the lease: host, pid, heartbeat of the daemon that created it. */
  public Path lockGeneration(long n) {
    return root.resolve("catchment.lock." + n);
  }

  /** Empty file the daemon holds a kernel lock on for its whole life; never deleted. */
  public Path kernelLock() {
    return root.resolve("catchment.lock.kernel");
  }

  /** Append-only JSON lines journal written by the daemon. */
  public Path eventsLog() {
    return root.resolve("events.log");
  }

  /** The daemon's open alert incidents and what each rule was told (see docs/alerts.md). */
  public Path alertState() {
    return root.resolve("alerts").resolve("state.json");
  }

  /** Rotated journal {@code n}: {@code events.log.1} is the newest, higher numbers are older. */
  public Path rotatedEventsLog(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("rotated events.log numbers start at 1: " + n);
    }
    return root.resolve("events.log." + n);
  }

  /** Daemon-owned caches (git clones). */
  public Path gitCache() {
    return root.resolve("cache").resolve("git");
  }

  /**
   * Where the daemon's DuckDB databases spill when they pass {@code duckdb_memory_limit}: one
   * directory {@code db-<pid>-<n>} per database, removed when it closes; the daemon empties it when
   * it starts.
   */
  public Path duckdbSpill() {
    return root.resolve("cache").resolve("duckdb");
  }

  public Path ponds() {
    return root.resolve("ponds");
  }

  public Path pond(String pond) {
    return ponds().resolve(Names.check("pond", pond));
  }

  /** Deployed, immutable versions of a Pond (written by deploy). */
  public Path versions(String pond) {
    return pond(pond).resolve("versions");
  }

  public Path version(String pond, PondVersion version) {
    return versions(pond).resolve(version.text());
  }

  /** The operator's mark that a deployed version is not to be run (see {@code YankFile}). */
  public Path yanked(String pond, PondVersion version) {
    return version(pond, version).resolve("YANKED");
  }

  /** Origin record of a deployed version. */
  public Path deployRecord(String pond, PondVersion version) {
    return version(pond, version).resolve("DEPLOY.toml");
  }

  /** The signal inbox of a Pond: anyone drops files here. */
  public Path signals(String pond) {
    return pond(pond).resolve("signals");
  }

  /** Signals the daemon has claimed but not yet finished applying (daemon). */
  public Path claimedSignals(String pond) {
    return signals(pond).resolve("claimed");
  }

  /** Signals the daemon could not parse, each with a {@code .reason} file beside it (daemon). */
  public Path rejectedSignals(String pond) {
    return signals(pond).resolve("rejected");
  }

  /** Standing triggers, one file per line: {@code m<major>.toml} (operator). */
  public Path triggers(String pond) {
    return pond(pond).resolve("triggers");
  }

  public Path trigger(LineId line) {
    return triggers(line.pond()).resolve("m" + line.major() + ".toml");
  }

  /** Retry budget overrides, one file per line: {@code m<major>.toml} (operator). */
  public Path budgets(String pond) {
    return pond(pond).resolve("budgets");
  }

  public Path budget(LineId line) {
    return budgets(line.pond()).resolve("m" + line.major() + ".toml");
  }

  /** The live directory of one major line (daemon). */
  public Path line(LineId line) {
    return pond(line.pond()).resolve("m" + line.major());
  }

  /** Engine state of a line (daemon). */
  public Path state(LineId line) {
    return line(line).resolve("state.json");
  }

  /** Human/machine status summary of a line (daemon). */
  public Path status(LineId line) {
    return line(line).resolve("status.json");
  }

  /** Published generations of a line (daemon). */
  public Path data(LineId line) {
    return line(line).resolve("data");
  }

  /** Pointer to the published generation, written last (daemon). */
  public Path current(LineId line) {
    return data(line).resolve("CURRENT");
  }

  public Path generation(LineId line, String generation) {
    return data(line).resolve(checkSegment("generation", generation));
  }

  /** The schema contract of a line's major (daemon; decision 44). */
  public Path contract(LineId line) {
    return line(line).resolve("contract.json");
  }

  /** Staging area of the Ripples of in-flight runs (daemon). */
  public Path work(LineId line) {
    return line(line).resolve("work");
  }

  /** Run records of a line (daemon). */
  public Path runs(LineId line) {
    return line(line).resolve("runs");
  }

  public Path run(LineId line, String runId) {
    return runs(line).resolve(checkSegment("run", runId));
  }

  /** Rejects anything that is not a single plain path segment (no separators, no dot names). */
  public static String checkSegment(String what, String segment) {
    if (segment == null
        || segment.isEmpty()
        || segment.startsWith(".")
        || segment.contains("/")
        || segment.contains("\\")
        || segment.indexOf('\0') >= 0) {
      throw new DuckstringException(what + " '" + segment + "' is not a plain name");
    }
    return segment;
  }
}
