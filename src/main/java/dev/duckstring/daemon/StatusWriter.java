package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.engine.PondView;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns engine views into status.json files, writing only the lines whose status changed. */
final class StatusWriter {
  private final StatusStore store;
  private final Deployments deployments;
  private final Map<LineId, LineStatus> written = new HashMap<>();
  private List<String> problems = List.of();

  StatusWriter(CatchmentLayout layout) {
    this.store = new StatusStore(layout);
    this.deployments = new Deployments(layout);
  }

  void problems(List<String> problems) {
    this.problems = List.copyOf(problems);
  }

  void write(
      Map<LineId, PondView> views,
      GraphBuilder.Built built,
      Map<LineId, RunRecord> lastRuns,
      Instant now) {
    for (Map.Entry<LineId, Deployed> e : built.deployed().entrySet()) {
      LineId line = e.getKey();
      PondView v = views.get(line);
      if (v == null) {
        continue;
      }
      LineStatus s = status(line, e.getValue(), v, lastRuns.get(line), now);
      LineStatus before = written.get(line);
      if (before != null && same(before, s)) {
        continue;
      }
      store.write(line, s);
      written.put(line, s);
    }
  }

  private LineStatus status(LineId line, Deployed d, PondView v, RunRecord run, Instant now) {
    List<String> versions =
        deployments.versions(line.pond()).stream()
            .filter(x -> x.major() == line.major())
            .map(PondVersion::text)
            .toList();
    List<String> sources =
        d.manifest().sources().stream().map(p -> p.pond() + " " + p.spec()).toList();
    String error = v.error();
    if (error == null) {
      error =
          problems.stream()
              .filter(p -> p.startsWith(line + " ") || p.contains("/" + line.pond() + "/"))
              .findFirst()
              .orElse(null);
    }
    return new LineStatus(
        line.toString(),
        line.pond(),
        line.major(),
        d.manifest().version().text(),
        versions,
        sources,
        v.state().name().toLowerCase(Locale.ROOT),
        v.hasPull(),
        v.targets(),
        v.startF(),
        v.endF(),
        v.changedF(),
        v.runsInFlight(),
        v.runsCompleted(),
        Triggers.describe(v.trigger()),
        error,
        v.missingSources().stream().map(LineId::toString).toList(),
        v.blockedBy().stream().map(LineId::toString).toList(),
        run == null ? null : new LineStatus.LastRun(run.id(), run.state(), run.started(), run.ended()),
        now);
  }

  private static boolean same(LineStatus a, LineStatus b) {
    return a.equals(
        new LineStatus(
            b.line(), b.pond(), b.major(), b.version(), b.versions(), b.sources(), b.state(),
            b.hasPull(), b.targets(), b.startF(), b.endF(), b.changedF(), b.runsInFlight(),
            b.runsCompleted(), b.trigger(), b.error(), b.missingSources(), b.blockedBy(),
            b.lastRun(), a.updatedAt()));
  }
}
