package dev.duckstring.manifest;

import dev.duckstring.fs.FileReads;
import dev.duckstring.model.AlertConfig;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Durations;
import dev.duckstring.model.Names;
import dev.duckstring.model.SparkSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.tomlj.TomlTable;

/** Reads catchment.toml strictly: every key checked, every error located (file:line:col). */
final class CatchmentConfigReader {
  private static final Set<String> KEYS =
      Set.of(
          "name",
          "port",
          "bind",
          "watch",
          "poll_interval",
          "workers",
          "default_timeout",
          "read_keys_file",
          "default_sla",
          "alerts",
          "events_max_size",
          "events_keep",
          "duckdb_memory_limit",
          "duckdb_threads",
          "spark");

  private CatchmentConfigReader() {}

  /** Reads catchment.toml strictly. */
  static CatchmentConfig read(Path file) {
    TomlDoc doc = TomlDoc.parse(file.toString(), FileReads.readAll(file));
    doc.throwIfErrors();
    TomlTable t = doc.root();
    doc.rejectUnknownKeys(t, "", KEYS);
    String name = doc.requireString(t, "", "name");
    Long port = doc.integer(t, "", "port");
    String bind = doc.string(t, "", "bind");
    Boolean watch = doc.bool(t, "", "watch");
    String poll = doc.string(t, "", "poll_interval");
    Long workers = doc.integer(t, "", "workers");
    Duration timeout = doc.duration(t, "", "default_timeout");
    String keys = doc.string(t, "", "read_keys_file");
    if (keys != null && keys.isBlank()) {
      doc.error(t, "read_keys_file", "'read_keys_file' must name a file");
    }
    AlertConfig alerts = AlertRulesReader.read(doc, t);
    EventsRotation rotation = EventsRotation.read(doc, t);
    DuckDbLimits duckDb = DuckDbLimits.read(doc, t);
    SparkSettings spark = SparkSection.read(doc, t);
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
    CatchmentConfig d =
        CatchmentConfig.defaults(
            name, port == null ? CatchmentConfig.DEFAULT_PORT : port.intValue());
    return new CatchmentConfig(
        name,
        d.port(),
        bind == null ? d.bind() : bind,
        watch == null || watch,
        interval,
        workers == null ? d.workers() : workers.intValue(),
        timeout,
        keys,
        alerts,
        rotation,
        duckDb,
        spark);
  }
}
