package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Durations;
import dev.duckstring.model.RunOutcome;
import java.time.Duration;

/**
 * A Ripple attempt failed; the message is one line (DuckDB's error, or the exit code and stderr).
 * Its {@link #outcome()} is {@code failed}, or {@code timed_out} for one stopped at its time limit.
 */
public final class RippleFailure extends DuckstringException {
  private static final long serialVersionUID = 1L;

  private final String ripple;
  private final RunOutcome outcome;

  public RippleFailure(String ripple, String message) {
    this(ripple, message, null);
  }

  public RippleFailure(String ripple, String message, Throwable cause) {
    this(ripple, message, cause, RunOutcome.FAILED);
  }

  private RippleFailure(String ripple, String message, Throwable cause, RunOutcome outcome) {
    super(requireNonNull(message, "message is null"), cause);
    this.ripple = requireNonNull(ripple, "ripple is null");
    this.outcome = outcome;
  }

  /** {@code ripple} was stopped after running {@code limit}: "timed out after 10m". */
  public static RippleFailure timedOut(String ripple, Duration limit, Throwable cause) {
    return new RippleFailure(
        ripple, "timed out after " + Durations.compact(limit), cause, RunOutcome.TIMED_OUT);
  }

  /** The name of the Ripple that failed. */
  public String ripple() {
    return ripple;
  }

  /** How the attempt ended: {@code failed}, or {@code timed_out}. */
  public RunOutcome outcome() {
    return outcome;
  }
}
