package dev.duckstring.runner;

/**
 * How much of each table {@code pond hydrate} copies: all of it, the first {@code rows} rows, or a
 * {@code percent} sample of the rows.
 *
 * @param rows the first rows to keep, or -1 for no row limit
 * @param percent the share of rows to keep (Bernoulli sample, fixed seed), or 0 for no sample
 */
public record Sampling(long rows, double percent) {
  /** The seed of the sample, so that a hydrate of the same data picks the same rows. */
  static final int SEED = 42;

  public Sampling {
    if (rows < -1) {
      throw new IllegalArgumentException("rows must be >= 0 or -1 for all, got " + rows);
    }
    if (percent < 0 || percent > 100 || Double.isNaN(percent)) {
      throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
    }
    if (rows >= 0 && percent > 0) {
      throw new IllegalArgumentException("rows and percent exclude each other");
    }
  }

  /** Every row. */
  public static Sampling all() {
    return new Sampling(-1, 0);
  }

  /** The first {@code rows} rows, in file order. */
  public static Sampling firstRows(long rows) {
    return new Sampling(rows, 0);
  }

  /** About {@code percent} % of the rows. */
  public static Sampling percent(double percent) {
    if (percent <= 0) {
      throw new IllegalArgumentException("percent must be in (0, 100], got " + percent);
    }
    return new Sampling(-1, percent);
  }

  /** The SELECT over {@code from} (a quoted view name) that picks the rows. */
  String select(String from) {
    if (rows >= 0) {
      return "SELECT * FROM " + from + " LIMIT " + rows;
    }
    if (percent > 0) {
      return "SELECT * FROM "
          + from
          + " USING SAMPLE "
          + percentText()
          + " PERCENT (bernoulli, "
          + SEED
          + ")";
    }
    return "SELECT * FROM " + from;
  }

  private String percentText() {
    return percent == Math.rint(percent) ? Long.toString((long) percent) : Double.toString(percent);
  }
}
