package dev.duckstring.model;

import java.util.Locale;

/** The label a Pond gives itself in pond.toml; the engine only looks at Sources. */
public enum PondType {
  INLET,
  POND,
  OUTLET;

  /** The lower-case spelling used in pond.toml. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
