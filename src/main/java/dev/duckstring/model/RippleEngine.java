package dev.duckstring.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Which engine runs a SQL Ripple: the embedded DuckDB (the default) or Apache Spark (decision 55).
 */
public enum RippleEngine {
  DUCKDB,
  SPARK;

  /** The name as written in pond.toml ({@code engine = "spark"}). */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every name pond.toml accepts, for errors and "did you mean". */
  public static List<String> keys() {
    return Arrays.stream(values()).map(RippleEngine::key).toList();
  }

  /** The engine called {@code key} (case-sensitive, as TOML keys are), or null when none is. */
  public static RippleEngine byKey(String key) {
    for (RippleEngine e : values()) {
      if (e.key().equals(key)) {
        return e;
      }
    }
    return null;
  }
}
