package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.fs.Trees;
import dev.duckstring.manifest.DuckDbLimits;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.runner.DuckDbOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The daemon's DuckDB settings: catchment.toml's limits and the Catchment's spill directory. */
final class DuckDbSettings {
  private DuckDbSettings() {}

  /**
   * The options of the databases that SQL Ripples and data tests run on (decisions 54 and 64):
   * {@code limits}, each database spilling into {@code cache/duckdb/db-<pid>-<n>}; this empties
   * {@code cache/duckdb} first (what is left there belongs to a daemon that is gone).
   */
  static DuckDbOptions of(DuckDbLimits limits, Path root) {
    Path spill = new CatchmentLayout(root).duckdbSpill();
    try {
      Trees.delete(spill);
    } catch (IOException e) {
      // Best effort: a stale spill file only takes disk space, and each database has its own.
    }
    try {
      Files.createDirectories(spill); // DuckDB makes only the last level, at its first spill
    } catch (IOException e) {
      throw new DuckstringException("cannot make " + spill + ": " + e.getMessage(), e);
    }
    return DuckDbOptions.defaults()
        .withThreads(limits.threads())
        .withMemoryLimit(limits.memoryLimitSetting())
        .withTempDirectory(spill.resolve("db"));
  }
}
