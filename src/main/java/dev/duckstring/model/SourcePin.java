package dev.duckstring.model;

import static java.util.Objects.requireNonNull;

/** A declared upstream Pond: {@code name = "1.2.0"} (required) or {@code "1.2.0?"} (optional). */
public record SourcePin(String pond, PondVersion min, boolean optional) {
  public SourcePin {
    Names.check("source", pond);
    requireNonNull(min, "min is null");
  }

  /** The line this pin wires to: the Source's name at the pin's major. */
  public LineId line() {
    return new LineId(pond, min.major());
  }

  /** The pin as written in pond.toml. */
  public String spec() {
    return min.text() + (optional ? "?" : "");
  }
}
