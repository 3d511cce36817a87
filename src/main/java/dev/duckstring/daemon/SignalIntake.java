package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.SignalStore;
import dev.duckstring.engine.Event;
import dev.duckstring.manifest.SignalFile;
import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a claimed signal file into an engine event, or moves it aside with a written reason when
 * its name, body or target line is wrong, or its verb does not apply to the line's state (see
 * {@link ControlChecks}). Every signal taken or rejected is journaled.
 */
final class SignalIntake {
  private final CatchmentLayout layout;
  private final SignalStore signals;
  private final EventLog log;
  private final Clock clock;

  SignalIntake(CatchmentLayout layout, SignalStore signals, EventLog log, Clock clock) {
    this.layout = layout;
    this.signals = signals;
    this.log = log;
    this.clock = clock;
  }

  /**
   * A signal taken: the event it asks for (null for {@code schema-reset}, which is not the
   * engine's), the line it is for and its kind.
   */
  record Taken(Event event, LineId line, SignalKind kind) {}

  /** The event a claimed signal asks for; empty when it was rejected. */
  Optional<Event> read(
      SignalStore.Claimed c, GraphBuilder.Built built, Function<Event, String> refusal) {
    return take(c, built, refusal).map(Taken::event);
  }

  /** The signal a claimed file asks for; empty when it was rejected. */
  Optional<Taken> take(
      SignalStore.Claimed c, GraphBuilder.Built built, Function<Event, String> refusal) {
    String name = c.originalName();
    if (c.rejected() != null) {
      journalRejected(c, c.file(), c.rejected()); // its name: moved aside as it was claimed
      return Optional.empty();
    }
    Optional<SignalKind> kind = SignalKind.ofFileName(name);
    if (kind.isEmpty()) {
      reject(
          c,
          "unknown signal '" + name + "': the name must start with one of " + SignalKind.labels());
      return Optional.empty();
    }
    LineId line;
    try {
      SignalFile body =
          SignalFile.parse(layout.signals(c.pond()).resolve(name).toString(), signals.body(c));
      line = resolveLine(c.pond(), body, built);
    } catch (DuckstringException e) {
      reject(c, e.getMessage());
      return Optional.empty();
    }
    Event event =
        switch (kind.get()) {
          case PULSE -> new Event.Pulse(line);
          case TAP, DEMAND -> new Event.Tap(line);
          case STOP -> new Event.Stop(line);
          case STOP_UPSTREAM -> new Event.StopUpstream(line);
          case KILL -> new Event.Kill(line);
          case CLEAR -> new Event.Clear(line);
          case WAKE -> new Event.Wake(line);
          case FORCE -> new Event.Force(line);
          case REFRESH -> new Event.Refresh(line);
          case REPAIR -> new Event.Repair(line);
          case SCHEMA_RESET -> null; // not the engine's: the daemon deletes the contract file
        };
    String refused = event == null ? null : refusal.apply(event);
    if (refused != null) {
      reject(c, refused);
      return Optional.empty();
    }
    log.append(
        clock.instant(),
        "signal",
        Map.of(
            "line", line.toString(),
            "kind", kind.get().label(),
            "file", name,
            "claimed_at", c.claimedAt().toString()));
    return Optional.of(new Taken(event, line, kind.get()));
  }

  private static LineId resolveLine(String pond, SignalFile body, GraphBuilder.Built built) {
    List<LineId> lines =
        built.graph().lines().keySet().stream()
            .filter(l -> l.pond().equals(pond))
            .sorted()
            .toList();
    LineId asked = body.major() == null ? null : new LineId(pond, body.major());
    String idle = idleReason(pond, asked, lines, built);
    if (idle != null) {
      throw new DuckstringException(idle);
    }
    if (lines.isEmpty()) {
      throw new DuckstringException("pond '" + pond + "' has no deployed version");
    }
    LineId line =
        body.major() == null ? lines.get(lines.size() - 1) : new LineId(pond, body.major());
    Deployed d = built.deployed().get(line);
    if (d == null) {
      throw new DuckstringException(
          "pond '"
              + pond
              + "' has no deployed major "
              + line.major()
              + " (deployed: "
              + lines
              + ")");
    }
    if (body.exact() != null && !body.exact().equals(d.manifest().version())) {
      throw new DuckstringException(
          "version "
              + body.exact()
              + " of '"
              + pond
              + "' is not the one that runs; "
              + line
              + " runs "
              + d.manifest().version()
              + " (the highest deployed)");
    }
    return line;
  }

  /**
   * Why the line a signal names runs nothing (every version yanked, decision 45), or null: the
   * major asked for, else the highest major when it has no version left to run.
   */
  private static String idleReason(
      String pond, LineId asked, List<LineId> lines, GraphBuilder.Built built) {
    if (asked != null) {
      return built.idle().get(asked);
    }
    int highest = lines.isEmpty() ? -1 : lines.get(lines.size() - 1).major();
    return built.idle().entrySet().stream()
        .filter(e -> e.getKey().pond().equals(pond) && e.getKey().major() > highest)
        .map(Map.Entry::getValue)
        .reduce((a, b) -> b)
        .orElse(null);
  }

  private void reject(SignalStore.Claimed c, String reason) {
    journalRejected(c, signals.reject(c, reason), reason);
  }

  private void journalRejected(SignalStore.Claimed c, Path moved, String reason) {
    log.append(
        clock.instant(),
        "signal_rejected",
        Map.of(
            "pond", c.pond(),
            "file", c.originalName(),
            "moved_to", layout.root().relativize(moved).toString(),
            "reason", reason));
  }
}
