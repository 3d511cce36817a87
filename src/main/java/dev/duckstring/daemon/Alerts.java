package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.engine.PondView;
import dev.duckstring.fs.Json;
import dev.duckstring.manifest.CatchmentConfig;
import dev.duckstring.manifest.ManifestException;
import dev.duckstring.model.AlertConfig;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The daemon's alerts, on the reactor thread: follows catchment.toml's rules (re-read when the file
 * changes; a bad edit keeps the rules in force), asks {@link Incidents} what is due after each
 * batch, saves the open incidents in {@code alerts/state.json} before handing the alerts to {@link
 * AlertDelivery}, which never blocks the loop.
 */
final class Alerts implements AutoCloseable {
  private final CatchmentLayout layout;
  private final EventLog log;
  private final Clock clock;
  private final AlertDelivery delivery;
  private final Incidents incidents;
  private AlertConfig config;
  private Object stamp;
  private volatile String problem;
  private Incidents.Saved written;

  Alerts(
      CatchmentLayout layout,
      String catchment,
      AlertConfig config,
      EventLog log,
      Clock clock,
      AlertDelivery.Pools pools) {
    this.layout = layout;
    this.log = log;
    this.clock = clock;
    this.config = config;
    this.stamp = stamp();
    this.delivery = new AlertDelivery(pools, log, clock, layout.root());
    Incidents.Saved saved = Incidents.Saved.NONE;
    try {
      Incidents.Saved read = Json.readFile(layout.alertState(), Incidents.Saved.class);
      saved = read == null ? saved : read;
    } catch (DuckstringException | UncheckedIOException e) {
      Daemon.journal(log, clock, "daemon_error", Map.of("error", String.valueOf(e.getMessage())));
    }
    this.incidents = new Incidents(catchment, saved);
    this.written = incidents.saved();
  }

  /** Re-reads the rules when catchment.toml changed; a bad file keeps the rules in force. */
  void reload() {
    Object now = stamp();
    if (Objects.equals(now, stamp)) {
      return;
    }
    stamp = now;
    AlertConfig next;
    try {
      next = CatchmentConfig.read(layout.config()).alerts();
    } catch (ManifestException e) {
      if (!Objects.equals(stamp(), now)) {
        stamp = null; // read while being written: read it again at the next batch
        return;
      }
      String first = e.diagnostics().get(0).toString();
      int more = e.diagnostics().size() - 1;
      reject(first + (more > 0 ? " (and " + more + " more)" : ""));
      return;
    } catch (DuckstringException | UncheckedIOException e) {
      reject(String.valueOf(e.getMessage()));
      return;
    }
    problem = null;
    if (!next.equals(config)) {
      config = next;
      Daemon.journal(
          log,
          clock,
          "alerts_loaded",
          Map.of(
              "rules",
              next.rules().size(),
              "default_sla",
              next.defaultSla() == null ? "none" : next.defaultSla().toString()));
    }
  }

  private void reject(String error) {
    if (!error.equals(problem)) {
      problem = error;
      Daemon.journal(
          log, clock, "alerts_rejected", Map.of("error", error, "kept", config.rules().size()));
    }
  }

  /** What identifies the file's content cheaply: its modification time, size and file key. */
  private Object stamp() {
    try {
      BasicFileAttributes a = Files.readAttributes(layout.config(), BasicFileAttributes.class);
      return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
    } catch (IOException e) {
      return "missing";
    }
  }

  /** Why the last edit of catchment.toml was refused (the rules before it stay), or null. */
  String problem() {
    return problem;
  }

  /** True when there is nothing to do: no rule, and no incident open. */
  boolean idle() {
    return config.rules().isEmpty() && incidents.none();
  }

  /** Tells the rules what is due for the lines as they are at {@code now}. */
  void check(
      Map<LineId, PondView> views,
      Map<LineId, Deployed> deployed,
      Map<LineId, RunRecord> lastRuns,
      Instant now) {
    List<Incidents.Observation> lines = new ArrayList<>();
    for (Map.Entry<LineId, Deployed> e : deployed.entrySet()) {
      PondView v = views.get(e.getKey());
      if (v == null) {
        continue;
      }
      Deployed d = e.getValue();
      Duration sla = d.manifest().sla() != null ? d.manifest().sla() : config.defaultSla();
      RunRecord run = lastRuns.get(e.getKey());
      lines.add(
          new Incidents.Observation(
              e.getKey(),
              d.manifest().version().text(),
              v.state(),
              v.error(),
              v.endF(),
              v.endF() != null ? v.endF() : deployedAt(d),
              sla,
              run == null ? null : run.id(),
              run == null ? null : run.tests().stream().filter(t -> !t.passed()).toList()));
    }
    List<Incidents.Alert> due = incidents.observe(lines, config.rules(), now);
    Incidents.Saved saved = incidents.saved();
    if (!saved.equals(written)) {
      try {
        Json.writeFile(layout.alertState(), saved);
        written = saved;
      } catch (DuckstringException | UncheckedIOException e) {
        Daemon.journal(log, clock, "daemon_error", Map.of("error", String.valueOf(e.getMessage())));
      }
    }
    due.forEach(delivery::send);
  }

  private static Instant deployedAt(Deployed d) {
    try {
      return d.record() == null || d.record().deployedAt() == null
          ? null
          : Instant.parse(d.record().deployedAt());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public void close() {
    delivery.close();
  }
}
