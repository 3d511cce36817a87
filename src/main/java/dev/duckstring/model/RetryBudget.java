package dev.duckstring.model;

/**
 * A line's retry budget: {@code immediate} extra Ripple attempts per Pond Run (shared by the run's
 * Ripples, spent by the daemon after a growing pause) and {@code onChange} extra Pond Runs after a
 * failed run, each started when a Source publishes newer data (the engine's retry-on-change).
 */
public record RetryBudget(int immediate, int onChange) {
  /** No retries: pond.toml without {@code [retry]}. */
  public static final RetryBudget NONE = new RetryBudget(0, 0);

  public RetryBudget {
    if (immediate < 0 || onChange < 0) {
      throw new IllegalArgumentException("a retry budget is never negative");
    }
  }

  /** This budget with the keys an override sets (null: keep this one's). */
  public RetryBudget with(Integer immediate, Integer onChange) {
    return new RetryBudget(
        immediate == null ? this.immediate : immediate,
        onChange == null ? this.onChange : onChange);
  }

  /** How status prints it: {@code immediate 2, on change 1}. */
  public String text() {
    return "immediate " + immediate + ", on change " + onChange;
  }
}
