package dev.duckstring.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a Catchment's Spark Ripples run: catchment.toml's {@code [spark]} section (decision 55).
 *
 * @param master a Spark master URL ({@code local[2]}, {@code spark://host:7077}, {@code yarn},
 *     {@code k8s://...}): the daemon starts a Spark driver as a child JVM per run; null with remote
 * @param remote a Spark Connect endpoint ({@code sc://host:15002}): no driver on this machine; null
 *     with master
 * @param conf extra Spark settings passed through as they are ({@code [spark.conf]})
 * @param rootUri how the Spark side names the Catchment's root (a shared filesystem mounted
 *     elsewhere, {@code file:///mnt/lake/root} or {@code hdfs://...}); null when Spark sees the
 *     root at the same path
 * @param driverMemory the child driver JVM's heap ({@code -Xmx}, Spark's form: {@code 512m}, {@code
 *     1g}); with remote it is unused
 * @param javaOptions extra flags for the child driver JVM, one per element, before its main class
 * @param connectTimeout how long a run waits for the Spark Connect endpoint to answer before it
 *     fails (remote only)
 */
public record SparkSettings(
    String master,
    String remote,
    Map<String, String> conf,
    String rootUri,
    String driverMemory,
    List<String> javaOptions,
    Duration connectTimeout) {
  /** The driver JVM's heap when catchment.toml sets none. */
  public static final String DEFAULT_DRIVER_MEMORY = "1g";

  /** How long a Spark Connect endpoint has to answer when catchment.toml sets no limit. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private static final Pattern MEMORY = Pattern.compile("[1-9][0-9]{0,8}[kmgt]");

  /** Settings with the driver's defaults: 1g heap, no extra flags, a 30s connect limit. */
  public SparkSettings(String master, String remote, Map<String, String> conf, String rootUri) {
    this(master, remote, conf, rootUri, null, null, null);
  }

  public SparkSettings {
    if ((master == null) == (remote == null)) {
      throw new DuckstringException("[spark] needs exactly one of master and remote");
    }
    if (master != null && master.isBlank()) {
      throw new DuckstringException("[spark] master must name a Spark master URL");
    }
    if (remote != null && remoteProblem(remote) != null) {
      throw new DuckstringException("[spark] remote " + remoteProblem(remote));
    }
    conf = Map.copyOf(conf == null ? Map.of() : conf);
    driverMemory = driverMemory == null ? DEFAULT_DRIVER_MEMORY : driverMemory;
    if (memoryProblem(driverMemory) != null) {
      throw new DuckstringException("[spark] driver_memory " + memoryProblem(driverMemory));
    }
    javaOptions = List.copyOf(javaOptions == null ? List.of() : javaOptions);
    connectTimeout = connectTimeout == null ? DEFAULT_CONNECT_TIMEOUT : connectTimeout;
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new DuckstringException("[spark] connect_timeout must be positive");
    }
  }

  /** A driver JVM on this machine with the given master ({@code local[2]}), defaults otherwise. */
  public static SparkSettings local(String master) {
    return new SparkSettings(master, null, Map.of(), null);
  }

  /** A Spark Connect endpoint ({@code sc://host:15002}), defaults otherwise. */
  public static SparkSettings connectTo(String remote) {
    return new SparkSettings(null, remote, Map.of(), null);
  }

  /** These settings with {@code conf} passed through to Spark. */
  public SparkSettings withConf(Map<String, String> extra) {
    return new SparkSettings(
        master, remote, extra, rootUri, driverMemory, javaOptions, connectTimeout);
  }

  /** These settings with the Spark side naming the root {@code uri}. */
  public SparkSettings withRootUri(String uri) {
    return new SparkSettings(master, remote, conf, uri, driverMemory, javaOptions, connectTimeout);
  }

  /** These settings with {@code options} as the driver JVM's extra flags. */
  public SparkSettings withJavaOptions(List<String> options) {
    return new SparkSettings(master, remote, conf, rootUri, driverMemory, options, connectTimeout);
  }

  /** These settings with the Spark Connect endpoint given {@code timeout} to answer. */
  public SparkSettings withConnectTimeout(Duration timeout) {
    return new SparkSettings(master, remote, conf, rootUri, driverMemory, javaOptions, timeout);
  }

  /** True when Spark Connect is used (no driver JVM on the Catchment's machine). */
  public boolean connect() {
    return remote != null;
  }

  /** The driver JVM's heap flag ({@code -Xmx1g}). */
  public String heapFlag() {
    return "-Xmx" + driverMemory;
  }

  /** Why {@code remote} is no Spark Connect URL ({@code sc://host:port}), or null when it is. */
  public static String remoteProblem(String remote) {
    return remote.matches("sc://[^/:\\s]+:[0-9]{1,5}(/.*)?")
        ? null
        : "= \"" + remote + "\" is not a Spark Connect URL (sc://host:port, e.g. sc://host:15002)";
  }

  /** Why {@code memory} is no JVM memory size ({@code 512m}, {@code 1g}), or null when it is. */
  public static String memoryProblem(String memory) {
    return MEMORY.matcher(memory).matches()
        ? null
        : "= \"" + memory + "\" is not a memory size (a number and k, m, g or t: 512m, 1g, 4g)";
  }
}
