package dev.duckstring.manifest;

import dev.duckstring.fs.FileReads;
import dev.duckstring.model.ByteSizes;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Durations;
import dev.duckstring.model.Names;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.tomlj.TomlTable;

/**
 * catchment.toml: the operator's settings for one Catchment root.
 *
 * @param bind address the HTTP view listens on (127.0.0.1 unless the operator widens it)
 * @param watch use the WatchService; false = polling only (NFS, shared roots)
 * @param pollInterval full rescan interval (the freshness bound in polling mode)
 * @param workers Ripples run at once
 * @param defaultTimeout how long one attempt of a Ripple without a {@code timeout} of its own may
 *     run before it is stopped; null for no limit
 * @param events when events.log rotates ({@code events_max_size}, {@code events_keep})
 */
public record CatchmentConfig(
    String name,
    int port,
    String bind,
    boolean watch,
    Duration pollInterval,
    int workers,
    Duration defaultTimeout,
    EventsRotation events) {
  public static final int DEFAULT_PORT = 5000;
  private static final Set<String> KEYS =
      Set.of("name", "port", "bind", "watch", "poll_interval", "workers", "default_timeout");
  private static final Set<String> EVENTS_KEYS = Set.of("events_max_size", "events_keep");

  public CatchmentConfig {
    Names.check("catchment", name);
    if (port < 0 || port > 65535) {
      throw new DuckstringException("port " + port + " is out of range (0-65535)");
    }
    if (workers < 1) {
      throw new DuckstringException("workers must be at least 1");
    }
    if (defaultTimeout != null && (defaultTimeout.isNegative() || defaultTimeout.isZero())) {
      throw new DuckstringException("default_timeout must be longer than zero");
    }
    Objects.requireNonNull(events, "events");
  }

  /** Settings with the default rotation of events.log. */
  public CatchmentConfig(
      String name,
      int port,
      String bind,
      boolean watch,
      Duration pollInterval,
      int workers,
      Duration defaultTimeout) {
    this(name, port, bind, watch, pollInterval, workers, defaultTimeout, EventsRotation.DEFAULT);
  }

  /** Defaults for a new Catchment called {@code name}. */
  public static CatchmentConfig defaults(String name, int port) {
    return new CatchmentConfig(
        name,
        port,
        "127.0.0.1",
        true,
        Duration.ofSeconds(2),
        Math.max(2, Runtime.getRuntime().availableProcessors()),
        null);
  }

  /** This configuration with the HTTP view on {@code newPort}. */
  public CatchmentConfig withPort(int newPort) {
    return new CatchmentConfig(
        name, newPort, bind, watch, pollInterval, workers, defaultTimeout, events);
  }

  /** This configuration with events.log rotated by {@code rotation}. */
  public CatchmentConfig withEvents(EventsRotation rotation) {
    return new CatchmentConfig(
        name, port, bind, watch, pollInterval, workers, defaultTimeout, rotation);
  }

  /** Reads catchment.toml strictly. */
  public static CatchmentConfig read(Path file) {
    TomlDoc doc = TomlDoc.parse(file.toString(), FileReads.readAll(file));
    doc.throwIfErrors();
    TomlTable t = doc.root();
    doc.rejectUnknownKeys(t, "", union(KEYS, EVENTS_KEYS));
    String name = doc.requireString(t, "", "name");
    Long port = doc.integer(t, "", "port");
    String bind = doc.string(t, "", "bind");
    Boolean watch = doc.bool(t, "", "watch");
    String poll = doc.string(t, "", "poll_interval");
    Long workers = doc.integer(t, "", "workers");
    Duration timeout = doc.duration(t, "", "default_timeout");
    EventsRotation rotation = events(doc, t);
    Duration interval = Duration.ofSeconds(2);
    if (poll != null) {
      try {
        interval = Durations.parse("poll_interval", poll);
      } catch (DuckstringException e) {
        doc.error(t, "poll_interval", e.getMessage());
      }
    }
    if (name != null && !Names.isValid(name)) {
      doc.error(t, "name", "'name' = \"" + name + "\" is not a valid Catchment name");
    }
    if (port != null && (port < 0 || port > 65535)) {
      doc.error(t, "port", "'port' = " + port + " is out of range (0-65535)");
    }
    if (workers != null && workers < 1) {
      doc.error(t, "workers", "'workers' must be at least 1");
    }
    doc.throwIfErrors();
    CatchmentConfig d = defaults(name, port == null ? DEFAULT_PORT : port.intValue());
    return new CatchmentConfig(
        name,
        d.port(),
        bind == null ? d.bind() : bind,
        watch == null || watch,
        interval,
        workers == null ? d.workers() : workers.intValue(),
        timeout,
        rotation);
  }

  /** {@code events_max_size} and {@code events_keep}, defaults for those not set. */
  private static EventsRotation events(TomlDoc doc, TomlTable t) {
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

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new HashSet<>(a);
    all.addAll(b);
    return all;
  }

  /** The file's text, with comments a person can follow. */
  public String toToml() {
    return "# Catchment settings (operator-owned; the daemon reads this at start).\n"
        + "name = "
        + TomlDoc.quote(name)
        + "\n"
        + "# Port of the read-only HTTP view; bound to 'bind' only.\n"
        + "port = "
        + port
        + "\n"
        + "bind = "
        + TomlDoc.quote(bind)
        + "\n"
        + "# Use file-system events as hints (false = polling only, e.g. on NFS).\n"
        + "watch = "
        + watch
        + "\n"
        + "# Full rescan interval: the longest a signal can wait without events.\n"
        + "poll_interval = "
        + TomlDoc.quote(pollInterval.toMillis() + "ms")
        + "\n"
        + "# Ripples run at once.\n"
        + "workers = "
        + workers
        + "\n"
        + "# Stop a Ripple that runs longer than this, unless its pond.toml sets 'timeout'.\n"
        + (defaultTimeout == null
            ? "# default_timeout = \"1h\"\n"
            : "default_timeout = " + TomlDoc.quote(Durations.compact(defaultTimeout)) + "\n")
        + eventsToml();
  }

  /** The rotation keys: commented out at their defaults, set otherwise. */
  private String eventsToml() {
    EventsRotation d = EventsRotation.DEFAULT;
    return "# Rotate events.log when it would pass this size; keep this many rotated files\n"
        + "# (events.log.1 is the newest; 0 keeps none).\n"
        + (events.maxBytes() == d.maxBytes() ? "# " : "")
        + "events_max_size = "
        + TomlDoc.quote(ByteSizes.compact(events.maxBytes()))
        + "\n"
        + (events.keep() == d.keep() ? "# " : "")
        + "events_keep = "
        + events.keep()
        + "\n";
  }
}
