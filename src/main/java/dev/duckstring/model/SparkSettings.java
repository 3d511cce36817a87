package dev.duckstring.model;

import java.util.Map;

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
 */
public record SparkSettings(
    String master, String remote, Map<String, String> conf, String rootUri) {
  public SparkSettings {
    if ((master == null) == (remote == null)) {
      throw new DuckstringException("[spark] needs exactly one of master and remote");
    }
    conf = Map.copyOf(conf == null ? Map.of() : conf);
  }

  /** True when Spark Connect is used (no driver JVM on the Catchment's machine). */
  public boolean connect() {
    return remote != null;
  }
}
