package dev.duckstring.runner;

import java.lang.reflect.Field;

/**
 * Keeps DuckDB's JDBC driver from registering its JFR periodic event: {@code
 * DuckDBConnection.newConnection} registers {@code duckdb.MemoryUsage} with the flight recorder at
 * the first connection of every JVM, which initialises JFR (its classes, annotation proxies and a
 * generated event handler), about 200 ms of a {@code query} start on this machine (decision 52).
 * The event reports only connections opened with {@code jdbc_jfr_memory_monitor}, which Duckstring
 * never sets, so nothing is lost. With another DuckDB version that lacks the flag, the event is
 * registered as before: a slower start, the same results.
 */
final class DuckJfr {
  private static volatile boolean done;

  private DuckJfr() {}

  /** Marks DuckDB's memory monitor as set up, once per JVM, before the first connection. */
  static void skipRegistration() {
    if (done) {
      return;
    }
    done = true;
    try {
      Class<?> monitor = Class.forName("org.duckdb.DuckDBMemoryMonitor");
      Field initialized = monitor.getDeclaredField("initialized");
      initialized.setAccessible(true);
      synchronized (monitor) { // its init() is static synchronized
        initialized.setBoolean(null, true);
      }
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      // another DuckDB: it registers the event itself
    }
  }
}
