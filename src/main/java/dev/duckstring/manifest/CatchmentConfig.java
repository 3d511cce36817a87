package dev.duckstring.manifest;

import dev.duckstring.model.AlertConfig;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Durations;
import dev.duckstring.model.Names;
import dev.duckstring.model.SparkSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * catchment.toml: the operator's settings for one Catchment root.
 *
 * @param bind address the HTTP view listens on (127.0.0.1 unless the operator widens it)
 * @param watch use the WatchService; false = polling only (NFS, shared roots)
 * @param pollInterval full rescan interval (the freshness bound in polling mode)
 * @param workers Ripples run at once
 * @param defaultTimeout how long one attempt of a Ripple without a {@code timeout} of its own may
 *     run before it is stopped; null for no limit
 * @param readKeysFile the file of hashed bearer keys the HTTP view requires (relative to the root,
 *     or absolute); null for an open view
 * @param alerts the {@code [[alerts]]} rules and {@code default_sla} (the daemon re-reads them when
 *     the file changes)
 * @param events when events.log rotates ({@code events_max_size}, {@code events_keep})
 * @param duckDb the shared DuckDB's memory limit and threads ({@code duckdb_memory_limit}, {@code
 *     duckdb_threads})
 */
public record CatchmentConfig(
    String name,
    int port,
    String bind,
    boolean watch,
    Duration pollInterval,
    int workers,
    Duration defaultTimeout,
    String readKeysFile,
    AlertConfig alerts,
    EventsRotation events,
    DuckDbLimits duckDb,
    SparkSettings spark) {
  public static final int DEFAULT_PORT = 5000;

  /** A configuration without a key file (an open view), without alert rules, default rotation. */
  public CatchmentConfig(
      String name,
      int port,
      String bind,
      boolean watch,
      Duration pollInterval,
      int workers,
      Duration defaultTimeout) {
    this(
        name,
        port,
        bind,
        watch,
        pollInterval,
        workers,
        defaultTimeout,
        null,
        AlertConfig.NONE,
        EventsRotation.DEFAULT,
        DuckDbLimits.DEFAULT,
        null);
  }

  public CatchmentConfig {
    Names.check("catchment", name);
    if (port < 0 || port > 65535) {
      throw new DuckstringException("port " + port + " is out of range (0-65535)");
    }
    if (workers < 1) {
      throw new DuckstringException("workers must be at least 1");
    }
    if (defaultTimeout != null && (defaultTimeout.isNegative() || defaultTimeout.isZero())) {
      throw new DuckstringException("default_timeout must be longer than zero");
    }
    if (readKeysFile != null && readKeysFile.isBlank()) {
      throw new DuckstringException("read_keys_file must name a file");
    }
    alerts = alerts == null ? AlertConfig.NONE : alerts;
    Objects.requireNonNull(events, "events");
    duckDb = duckDb == null ? DuckDbLimits.DEFAULT : duckDb;
  }

  /** Defaults for a new Catchment called {@code name}. */
  public static CatchmentConfig defaults(String name, int port) {
    return new CatchmentConfig(
        name,
        port,
        "127.0.0.1",
        true,
        Duration.ofSeconds(2),
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        null);
  }

  /** This configuration with the HTTP view on {@code newPort}. */
  public CatchmentConfig withPort(int newPort) {
    return new CatchmentConfig(
        name,
        newPort,
        bind,
        watch,
        pollInterval,
        workers,
        defaultTimeout,
        readKeysFile,
        alerts,
        events,
        duckDb,
        spark);
  }

  /** The key file resolved against {@code root}, or null when the view needs no key. */
  public Path readKeys(Path root) {
    return readKeysFile == null ? null : root.resolve(readKeysFile).toAbsolutePath().normalize();
  }

  /**
   * True when {@code bind} is a loopback address (127.0.0.0/8, ::1, localhost), so only this
   * machine can reach the view. Host names other than localhost are not resolved: they count as not
   * loopback.
   */
  public boolean bindsLoopback() {
    return isLoopback(bind);
  }

  static boolean isLoopback(String bind) {
    String b = bind.strip();
    if (b.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (b.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      return b.startsWith("127.");
    }
    if (b.startsWith("[") && b.endsWith("]")) {
      b = b.substring(1, b.length() - 1);
    }
    if (!b.contains(":")) {
      return false; // a host name: not looked up
    }
    try {
      return InetAddress.getByName(b).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** This configuration with events.log rotated by {@code rotation}. */
  public CatchmentConfig withEvents(EventsRotation rotation) {
    return new CatchmentConfig(
        name,
        port,
        bind,
        watch,
        pollInterval,
        workers,
        defaultTimeout,
        readKeysFile,
        alerts,
        rotation,
        duckDb,
        spark);
  }

  /** This configuration with the shared DuckDB limited by {@code limits}. */
  public CatchmentConfig withDuckDb(DuckDbLimits limits) {
    return new CatchmentConfig(
        name,
        port,
        bind,
        watch,
        pollInterval,
        workers,
        defaultTimeout,
        readKeysFile,
        alerts,
        events,
        limits,
        spark);
  }

  /** This configuration with Spark Ripples run where {@code settings} say (null: no Spark). */
  public CatchmentConfig withSpark(SparkSettings settings) {
    return new CatchmentConfig(
        name,
        port,
        bind,
        watch,
        pollInterval,
        workers,
        defaultTimeout,
        readKeysFile,
        alerts,
        events,
        duckDb,
        settings);
  }

  /** Reads catchment.toml strictly ({@link CatchmentConfigReader}). */
  public static CatchmentConfig read(Path file) {
    return CatchmentConfigReader.read(file);
  }

  /** The file's text, with comments a person can follow. */
  public String toToml() {
    return "# Catchment settings (operator-owned; the daemon reads this at start).\n"
        + "name = "
        + TomlDoc.quote(name)
        + "\n"
        + "# Port of the read-only HTTP view; bound to 'bind' only.\n"
        + "port = "
        + port
        + "\n"
        + "bind = "
        + TomlDoc.quote(bind)
        + "\n"
        + "# Use file-system events as hints (false = polling only, e.g. on NFS).\n"
        + "watch = "
        + watch
        + "\n"
        + "# Full rescan interval: the longest a signal can wait without events.\n"
        + "poll_interval = "
        + TomlDoc.quote(pollInterval.toMillis() + "ms")
        + "\n"
        + "# Ripples run at once.\n"
        + "workers = "
        + workers
        + "\n"
        + "# Stop a Ripple that runs longer than this, unless its pond.toml sets 'timeout'.\n"
        + (defaultTimeout == null
            ? "# default_timeout = \"1h\"\n"
            : "default_timeout = " + TomlDoc.quote(Durations.compact(defaultTimeout)) + "\n")
        + "# Bearer keys the HTTP view requires (hashed; 'duckstring catchment key' adds one).\n"
        + (readKeysFile == null
            ? "# read_keys_file = \"keys\"\n"
            : "read_keys_file = " + TomlDoc.quote(readKeysFile) + "\n")
        + events.toToml()
        + duckDb.toToml()
        + AlertRulesReader.toToml(alerts) // [[alerts]] tables end the top level
        + SparkSection.toToml(spark);
  }
}
