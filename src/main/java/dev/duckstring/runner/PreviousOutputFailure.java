package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Path;

/**
 * A SQL Ripple that reads its own table could not read its previous output (missing or corrupt).
 */
public final class PreviousOutputFailure extends DuckstringException {
  private static final long serialVersionUID = 1L;

  private final String ripple;
  private final transient Path output;

  public PreviousOutputFailure(
      String ripple, Path output, Path file, String reason, Throwable cause) {
    super(
        "ripple '"
            + requireNonNull(ripple, "ripple is null")
            + "' cannot read its previous output "
            + requireNonNull(file, "file is null")
            + ": "
            + reason,
        cause);
    this.ripple = ripple;
    this.output = requireNonNull(output, "output is null");
  }

  /** The Ripple whose self-read failed. */
  public String ripple() {
    return ripple;
  }

  /** The previous output directory that could not be read. */
  public Path output() {
    return output;
  }
}
