package dev.duckstring.runner;

import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Resource settings for each fresh DuckDB database.
 *
 * @param threads worker threads; 0 keeps DuckDB's default (all cores)
 * @param memoryLimit e.g. {@code "4GB"}; null keeps DuckDB's default (75% of RAM)
 * @param preserveInsertionOrder DuckDB's {@code preserve_insertion_order}; false saves memory on
 *     large unordered copies
 * @param tempDirectory where DuckDB spills: each database gets a directory of its own, this path
 *     suffixed {@code -<pid>-<n>} (decision 64), which DuckDB creates on its first spill (its
 *     parent must exist) and removes when it closes; null keeps DuckDB's default ({@code .tmp} in
 *     the working directory, shared by every in-memory database of every process started there)
 */
public record DuckDbOptions(
    int threads, String memoryLimit, boolean preserveInsertionOrder, Path tempDirectory) {
  /** Numbers each database's spill directory within this process. */
  private static final AtomicLong DATABASES = new AtomicLong();

  public DuckDbOptions {
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0 (0 = all cores), got " + threads);
    }
    if (memoryLimit != null && memoryLimit.isBlank()) {
      throw new IllegalArgumentException("memoryLimit must be null or a size such as '4GB'");
    }
  }

  /** DuckDB's own defaults: all cores, 75% of RAM, insertion order preserved. */
  public static DuckDbOptions defaults() {
    return new DuckDbOptions(0, null, true, null);
  }

  /** A copy with {@code threads} worker threads. */
  public DuckDbOptions withThreads(int threads) {
    return new DuckDbOptions(threads, memoryLimit, preserveInsertionOrder, tempDirectory);
  }

  /** A copy with the given memory limit. */
  public DuckDbOptions withMemoryLimit(String memoryLimit) {
    return new DuckDbOptions(threads, memoryLimit, preserveInsertionOrder, tempDirectory);
  }

  /** A copy that spills into {@code tempDirectory}. */
  public DuckDbOptions withTempDirectory(Path tempDirectory) {
    return new DuckDbOptions(threads, memoryLimit, preserveInsertionOrder, tempDirectory);
  }

  /**
   * JDBC connection properties that apply these settings when the database opens. Two in-memory
   * databases that spill into one directory overwrite each other's spill files (DuckDB issue
   * 15173), so each call names a new directory, {@link #tempDirectory} suffixed {@code -<pid>-<n>}.
   */
  Properties toProperties() {
    Properties p = new Properties();
    if (threads > 0) {
      p.setProperty("threads", Integer.toString(threads));
    }
    if (memoryLimit != null) {
      p.setProperty("memory_limit", memoryLimit);
    }
    p.setProperty("preserve_insertion_order", Boolean.toString(preserveInsertionOrder));
    if (tempDirectory != null) {
      String own = "-" + ProcessHandle.current().pid() + "-" + DATABASES.incrementAndGet();
      p.setProperty("temp_directory", tempDirectory.toAbsolutePath() + own);
    }
    return p;
  }
}
