package dev.duckstring.manifest;

import dev.duckstring.model.ByteSizes;
import dev.duckstring.model.DuckstringException;
import org.tomlj.TomlTable;

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

  /** {@code events_max_size} and {@code events_keep}, defaults for those not set. */
  static EventsRotation read(TomlDoc doc, TomlTable t) {
    EventsRotation d = EventsRotation.DEFAULT;
    long max = d.maxBytes();
    Object size = t.get("events_max_size");
    if (size != null) {
      String problem =
          size instanceof String s
              ? ByteSizes.problem(s)
              : "must be a size string such as \"64MB\"";
      if (problem == null) {
        max = ByteSizes.parse("events_max_size", (String) size);
        problem = EventsRotation.sizeProblem(max);
      }
      if (problem != null) {
        String shown = size instanceof String s ? " = " + TomlDoc.quote(s) : "";
        doc.error(t, "events_max_size", "'events_max_size'" + shown + " " + problem);
        max = d.maxBytes();
      }
    }
    Long keep = doc.integer(t, "", "events_keep");
    String problem = keep == null ? null : EventsRotation.keepProblem(keep);
    if (problem != null) {
      doc.error(t, "events_keep", "'events_keep' = " + keep + " " + problem);
    }
    return new EventsRotation(max, keep == null || problem != null ? d.keep() : keep.intValue());
  }

  /** The rotation keys: commented out at their defaults, set otherwise. */
  String toToml() {
    EventsRotation d = EventsRotation.DEFAULT;
    return "# Rotate events.log when it would pass this size; keep this many rotated files\n"
        + "# (events.log.1 is the newest; 0 keeps none).\n"
        + (maxBytes == d.maxBytes() ? "# " : "")
        + "events_max_size = "
        + TomlDoc.quote(ByteSizes.compact(maxBytes))
        + "\n"
        + (keep == d.keep() ? "# " : "")
        + "events_keep = "
        + keep
        + "\n";
  }
}
