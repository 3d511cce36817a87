package dev.duckstring.manifest;

import dev.duckstring.model.ByteSizes;
import dev.duckstring.model.DuckstringException;
import org.tomlj.TomlTable;

/**
 * The resources of the daemon's DuckDB, which all SQL Ripples share (and each Pond Run's data tests
 * get alike): catchment.toml's {@code duckdb_memory_limit} and {@code duckdb_threads} (decisions 54
 * and 64).
 *
 * @param memoryLimit bytes DuckDB's buffer manager may hold before it spills to disk
 * @param threads DuckDB worker threads for all Ripples together; 0 = one per core
 */
public record DuckDbLimits(long memoryLimit, int threads) {
  /** The largest {@code duckdb_threads}. */
  public static final int MAX_THREADS = 1024;

  /**
   * 256 MB and one thread per core (decision 64: 2 GB made big aggregates slower and 4x bigger).
   */
  public static final DuckDbLimits DEFAULT = new DuckDbLimits(256L << 20, 0);

  public DuckDbLimits {
    if (memoryLimit < (16L << 20)) {
      throw new DuckstringException("duckdb_memory_limit must be at least 16MB");
    }
    if (threads < 0 || threads > MAX_THREADS) {
      throw new DuckstringException("duckdb_threads must be 0 (one per core) to " + MAX_THREADS);
    }
  }

  /** The limit as DuckDB's {@code memory_limit} setting reads it (binary units). */
  public String memoryLimitSetting() {
    return memoryLimit % (1L << 20) == 0
        ? (memoryLimit >> 20) + "MiB"
        : (memoryLimit >> 10) + "KiB";
  }

  /** {@code duckdb_memory_limit} and {@code duckdb_threads}, defaults for those not set. */
  static DuckDbLimits read(TomlDoc doc, TomlTable t) {
    DuckDbLimits d = DEFAULT;
    long limit = d.memoryLimit();
    Object size = t.get("duckdb_memory_limit");
    if (size != null) {
      String problem =
          size instanceof String s ? ByteSizes.problem(s) : "must be a size string such as \"2GB\"";
      if (problem == null) {
        limit = ByteSizes.parse("duckdb_memory_limit", (String) size);
        problem = limit < (16L << 20) ? "must be at least 16MB" : null;
      }
      if (problem != null) {
        String shown = size instanceof String s ? " = " + TomlDoc.quote(s) : "";
        doc.error(t, "duckdb_memory_limit", "'duckdb_memory_limit'" + shown + " " + problem);
        limit = d.memoryLimit();
      }
    }
    Long threads = doc.integer(t, "", "duckdb_threads");
    boolean bad = threads != null && (threads < 0 || threads > MAX_THREADS);
    if (bad) {
      doc.error(
          t,
          "duckdb_threads",
          "'duckdb_threads' = " + threads + " must be 0 (one per core) to " + MAX_THREADS);
    }
    return new DuckDbLimits(limit, threads == null || bad ? d.threads() : threads.intValue());
  }

  /** The keys: commented out at their defaults, set otherwise. */
  String toToml() {
    DuckDbLimits d = DEFAULT;
    return "# The daemon's DuckDB, shared by all SQL Ripples (a Pond Run's data tests get the\n"
        + "# same): memory it may hold before it spills to cache/duckdb/, and worker threads\n"
        + "# for all Ripples together (0 = one per core). 256MB is chosen (decision 64): more\n"
        + "# made the demo's unique checks slower and the daemon bigger. Raise it for queries\n"
        + "# that cannot spill (a DuckDB 'Out of Memory Error' names the limit).\n"
        + "# The daemon's JVM heap (-Xmx256m) is set where it starts: bin/daemon-java-options,\n"
        + "# or DUCKSTRING_DAEMON_JAVA_OPTS instead.\n"
        + (memoryLimit == d.memoryLimit() ? "# " : "")
        + "duckdb_memory_limit = "
        + TomlDoc.quote(ByteSizes.compact(memoryLimit))
        + "\n"
        + (threads == d.threads() ? "# " : "")
        + "duckdb_threads = "
        + threads
        + "\n";
  }
}
