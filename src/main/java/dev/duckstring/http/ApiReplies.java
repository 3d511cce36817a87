package dev.duckstring.http;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.catchment.SchemaContract;
import dev.duckstring.catchment.SchemaContracts;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.SourcePin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the answers of {@code /api/status}, {@code /api/ponds/{p}} and {@code /api/runs} from the
 * root's files, reading each file once per request. Each line's status is the status.json record as
 * written; what the answers add beside it (type, Ripples, staleness, published files) is derived
 * here and only here.
 */
final class ApiReplies {
  /** Runs per line shown by {@code /api/ponds/{pond}}. */
  static final int POND_RUNS = 10;

  private final String catchment;
  private final Clock clock;
  private final Published published;
  private final Deployments deployments;
  private final StatusStore statuses;
  private final RunRecords runs;
  private final SchemaContracts contracts;

  ApiReplies(CatchmentLayout layout, String catchment, Clock clock, Published published) {
    this.catchment = catchment;
    this.clock = clock;
    this.published = published;
    this.deployments = new Deployments(layout);
    this.statuses = new StatusStore(layout);
    this.runs = new RunRecords(layout);
    this.contracts = new SchemaContracts(layout);
  }

  /** {@code /api/status}, without a version. */
  StatusReply status() {
    return status(null);
  }

  /** {@code /api/status} at {@code version} (read before the files, so never newer than them). */
  StatusReply status(String version) {
    Instant now = clock.instant();
    Map<LineId, Deployed> lines = deployments.lines(new HashMap<>());
    List<LineStatus> all = statuses.all();
    List<StatusReply.Node> nodes = new ArrayList<>();
    List<StatusReply.Edge> edges = new ArrayList<>();
    for (Map.Entry<LineId, Deployed> e : lines.entrySet()) {
      LineId line = e.getKey();
      Deployed d = e.getValue();
      LineStatus s =
          all.stream().filter(x -> x.line().equals(line.toString())).findFirst().orElse(null);
      nodes.add(
          new StatusReply.Node(
              line.toString(),
              line.pond(),
              line.major(),
              d.manifest().type().label(),
              d.manifest().version().text(),
              d.manifest().ripples().stream().map(RippleSpec::name).toList(),
              s == null ? null : s.stalenessSeconds(now),
              running(line, s)));
      for (SourcePin pin : d.manifest().sources()) {
        edges.add(
            new StatusReply.Edge(
                pin.line().toString(),
                line.toString(),
                pin.spec(),
                pin.optional(),
                lines.containsKey(pin.line())));
      }
    }
    return new StatusReply(catchment, now, all, nodes, edges, version);
  }

  /** The newest running run of a line that has runs in flight, or null. */
  private StatusReply.Running running(LineId line, LineStatus s) {
    if (s == null || s.runsInFlight() <= 0) {
      return null;
    }
    for (RunRecord r : runs.recent(line, s.runsInFlight())) {
      if (r.running()) {
        return StatusReply.Running.of(r);
      }
    }
    return null;
  }

  /** {@code /api/ponds/{pond}/runs/{run}}: one run record of the line {@code version} names. */
  RunReply run(String pond, String version, String runId) {
    // A run record is not published data: the line of a deployed major, published or not.
    LineId line;
    try {
      line = deployments.line(pond, version);
    } catch (DuckstringException e) {
      throw HttpFailure.notFound(e.getMessage());
    }
    RunRecord r = runs.read(line, runId);
    if (r == null) {
      throw HttpFailure.notFound("no run " + runId + " of " + line);
    }
    List<String> ripples = List.of();
    try {
      if (r.version() != null && PondVersion.isValid(r.version())) {
        ripples =
            deployments.read(pond, PondVersion.parse(r.version())).manifest().ripples().stream()
                .map(RippleSpec::name)
                .toList();
      }
    } catch (DuckstringException e) {
      // The version is gone; the record alone is shown.
    }
    return new RunReply(line.toString(), ripples, r);
  }

  /** {@code /api/ponds/{pond}}. */
  PondReply pond(String pond) {
    published.line(pond, null);
    List<PondReply.Line> lines = new ArrayList<>();
    for (int major : deployments.majors(pond)) {
      LineId line = new LineId(pond, major);
      PondVersion version = deployments.selected(line).orElse(null); // null: every one yanked
      Deployed d = null;
      try {
        d = version == null ? null : deployments.read(pond, version);
      } catch (DuckstringException e) {
        // Shown through the status's error; the line is still listed.
      }
      String generation = null;
      List<PondReply.Ripple> ripples = new ArrayList<>();
      try {
        Path gen = published.generation(line);
        generation = gen.getFileName().toString();
        for (Path dir : list(gen)) {
          if (Files.isDirectory(dir) && RootPaths.inside(dir, gen)) {
            ripples.add(new PondReply.Ripple(dir.getFileName().toString(), files(dir)));
          }
        }
      } catch (HttpFailure e) {
        // Nothing published yet.
      }
      lines.add(
          new PondReply.Line(
              line.toString(),
              d == null ? null : d.manifest().type().label(),
              version == null ? null : version.text(),
              d == null ? List.of() : d.sourceSpecs(),
              statuses.read(line),
              generation,
              ripples,
              runs.recent(line, POND_RUNS),
              contract(line)));
    }
    return new PondReply(
        pond,
        deployments.versions(pond).stream().map(PondVersion::text).toList(),
        lines,
        deployments.yanked(pond).stream().map(PondVersion::text).toList());
  }

  /** The contract of {@code line}, or null (none yet, or not a contract: its status says why). */
  private SchemaContract contract(LineId line) {
    try {
      return contracts.read(line).orElse(null);
    } catch (DuckstringException e) {
      return null;
    }
  }

  /** {@code /api/runs}: the newest {@code limit} runs of one Pond (or all), newest first. */
  RunsReply runs(String pond, int limit) {
    List<String> ponds =
        pond == null ? deployments.ponds() : List.of(published.line(pond, null).pond());
    List<LineId> lines = new ArrayList<>();
    for (String p : ponds) {
      for (int major : deployments.majors(p)) {
        lines.add(new LineId(p, major));
      }
    }
    return new RunsReply(runs.newest(lines, limit));
  }

  /** Regular files under {@code dir} whose real path stays inside it, sorted, relative. */
  static List<PondReply.FileEntry> files(Path dir) {
    List<PondReply.FileEntry> out = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted().toList()) {
        Path rel = dir.relativize(p);
        boolean hidden = false;
        for (Path part : rel) {
          hidden |= part.toString().startsWith(".");
        }
        if (p.equals(dir) || hidden || !Files.isRegularFile(p) || !RootPaths.inside(p, dir)) {
          continue;
        }
        out.add(new PondReply.FileEntry(rel.toString(), Files.size(p)));
      }
    } catch (IOException e) {
      throw new DuckstringException("cannot list " + dir.getFileName() + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
