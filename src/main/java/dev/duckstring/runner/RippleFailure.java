package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.model.DuckstringException;

/**
 * A Ripple attempt failed; the message is one line (DuckDB's error, or the exit code and stderr).
 */
public final class RippleFailure extends DuckstringException {
  private static final long serialVersionUID = 1L;

  private final String ripple;

  public RippleFailure(String ripple, String message) {
    this(ripple, message, null);
  }

  public RippleFailure(String ripple, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.ripple = requireNonNull(ripple, "ripple is null");
  }

  /** The name of the Ripple that failed. */
  public String ripple() {
    return ripple;
  }
}
