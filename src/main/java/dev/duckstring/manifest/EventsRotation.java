package dev.duckstring.manifest;

import dev.duckstring.model.ByteSizes;
import dev.duckstring.model.DuckstringException;

/**
 * When events.log rotates: once it would grow past {@code maxBytes} it becomes {@code
 * events.log.1}, and at most {@code keep} rotated files are kept (0: none, the full file is
 * dropped). catchment.toml's {@code events_max_size} and {@code events_keep}.
 *
 * @param maxBytes the largest events.log grows to, unless a single line is longer
 * @param keep rotated files kept, {@code events.log.1} (newest) to {@code events.log.<keep>}
 */
public record EventsRotation(long maxBytes, int keep) {
  /** The smallest {@code events_max_size}: smaller would rotate at nearly every line. */
  public static final long MIN_BYTES = 1024;

  /** The largest {@code events_keep}: each rotation renames every kept file once. */
  public static final int MAX_KEEP = 1000;

  /** 64 MB, keep 5: at most 384 MB of journal. */
  public static final EventsRotation DEFAULT = new EventsRotation(64L << 20, 5);

  public EventsRotation {
    String problem = sizeProblem(maxBytes);
    if (problem != null) {
      throw new DuckstringException("events_max_size " + problem);
    }
    problem = keepProblem(keep);
    if (problem != null) {
      throw new DuckstringException("events_keep " + problem);
    }
  }

  /** Why {@code bytes} cannot be {@code events_max_size}, or null. */
  static String sizeProblem(long bytes) {
    return bytes < MIN_BYTES ? "must be at least " + ByteSizes.compact(MIN_BYTES) : null;
  }

  /** Why {@code keep} cannot be {@code events_keep}, or null. */
  static String keepProblem(long keep) {
    return keep < 0 || keep > MAX_KEEP ? "must be 0 to " + MAX_KEEP : null;
  }
}
