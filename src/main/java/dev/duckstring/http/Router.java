package dev.duckstring.http;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RootChanges;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.runner.QueryBackend;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps a {@link Request} to a {@link Reply}: GET and HEAD only (405 otherwise), every path segment
 * checked, every error a JSON body. Holds no NanoHTTPD types, so tests call it directly.
 */
final class Router {
  /** Runs per line read for {@code /metrics}: every record the daemon keeps. */
  static final int METRICS_RUNS = RunRecords.KEEP;

  /** The header that carries {@code /api/status}'s version (as its body's {@code version} does). */
  static final String STATUS_VERSION = "X-Status-Version";

  /** The largest {@code limit} of {@code /api/runs}. */
  static final int MAX_RUNS = 1000;

  private final CatchmentLayout layout;
  private final String catchment;
  private final Clock clock;
  private final RootPaths paths;
  private final ApiReplies views;
  private final Downloads downloads;
  private final Queries queries;
  private final StatusPolls watch;

  Router(CatchmentLayout layout, String catchment, Clock clock, QueryBackend queryService) {
    this(
        layout,
        catchment,
        clock,
        queryService,
        new StatusPolls(RootChanges.of(layout), StatusPolls.WAIT));
  }

  /** A router whose {@code /api/status?since=} long-polls through {@code watch}. */
  Router(
      CatchmentLayout layout,
      String catchment,
      Clock clock,
      QueryBackend queryService,
      StatusPolls watch) {
    this.watch = watch;
    this.layout = layout;
    this.catchment = catchment;
    this.clock = clock;
    this.paths = new RootPaths(layout.root());
    Published published = new Published(layout, paths);
    this.views = new ApiReplies(layout, catchment, clock, published);
    this.downloads = new Downloads(published);
    this.queries = new Queries(published, queryService);
  }

  /** Answers one request; never throws. */
  Reply handle(Request r) {
    if (!r.method().equals("GET") && !r.method().equals("HEAD")) {
      return secure(
          Reply.error(405, "the Catchment's HTTP view is read-only: only GET and HEAD are allowed")
              .withHeader("Allow", "GET, HEAD"));
    }
    try {
      return secure(route(r));
    } catch (HttpFailure e) {
      Reply error = Reply.error(e.status(), e.getMessage());
      return secure(e.status() == 503 ? error.withHeader("Retry-After", "1") : error);
    } catch (DuckstringException e) {
      return secure(Reply.error(400, e.getMessage()));
    } catch (RuntimeException e) {
      return secure(Reply.error(500, "internal error: " + e));
    }
  }

  private Reply route(Request r) {
    for (String s : r.segments()) {
      RootPaths.segment(s);
    }
    Reply asset = Assets.get(r.path());
    if (asset != null) {
      return asset;
    }
    List<String> p = r.segments();
    if (p.equals(List.of("health"))) {
      return Reply.json(200, new HealthReply("ok", catchment, clock.instant()));
    }
    if (p.equals(List.of("metrics"))) {
      return Reply.text(200, Metrics.CONTENT_TYPE, metrics());
    }
    if (p.size() < 2 || !p.get(0).equals("api")) {
      throw HttpFailure.notFound("no such page: " + r.path());
    }
    String what = p.get(1);
    if (p.size() == 2 && what.equals("status")) {
      String version = watch.await(r.param("since"));
      return Reply.json(200, views.status(version)).withHeader(STATUS_VERSION, version);
    }
    if (p.size() == 2 && what.equals("runs")) {
      return Reply.json(200, views.runs(r.param("pond"), runsLimit(r.param("limit"))));
    }
    if (p.size() == 2 && what.equals("query")) {
      return Reply.json(
          200,
          queries.query(
              r.param("pond"),
              r.param("version"),
              r.param("ripple"),
              r.param("sql"),
              Queries.limit(r.param("limit")),
              "true".equals(r.param("types"))));
    }
    if (what.equals("ponds") && p.size() == 3) {
      return Reply.json(200, views.pond(p.get(2)));
    }
    if (what.equals("ponds") && p.size() == 5 && p.get(3).equals("runs")) {
      return Reply.json(200, views.run(p.get(2), r.param("version"), p.get(4)));
    }
    if (what.equals("ponds") && p.size() == 5 && p.get(3).equals("ripples")) {
      return downloads.zip(p.get(2), r.param("version"), p.get(4), r.isHead());
    }
    if (what.equals("ponds") && p.size() > 5 && p.get(3).equals("ripples")) {
      return downloads.file(p.get(2), r.param("version"), p.get(4), p.subList(5, p.size()));
    }
    throw HttpFailure.notFound("no such page: " + r.path());
  }

  private String metrics() {
    List<LineStatus> lines = new StatusStore(layout).all();
    RunRecords store = new RunRecords(layout);
    Map<String, List<RunRecord>> runs = new HashMap<>();
    for (LineStatus s : lines) {
      runs.put(s.line(), store.recent(LineId.parse(s.line()), METRICS_RUNS));
    }
    return Metrics.render(lines, runs, clock.instant());
  }

  static int runsLimit(String value) {
    if (value == null) {
      return 20;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1 && n <= MAX_RUNS) {
        return n;
      }
    } catch (NumberFormatException e) {
      // Falls through to the message.
    }
    throw HttpFailure.badRequest(
        "limit must be a whole number from 1 to " + MAX_RUNS + ", got '" + value + "'");
  }

  /** Headers every answer carries; non-dashboard answers may not run scripts or be framed. */
  static Reply secure(Reply r) {
    Reply out =
        r.withHeader("X-Content-Type-Options", "nosniff")
            .withHeader("Referrer-Policy", "no-referrer");
    if (!out.headers().containsKey("Content-Security-Policy")) {
      out =
          out.withHeader(
              "Content-Security-Policy", "default-src 'none'; sandbox; frame-ancestors 'none'");
    }
    if (!out.headers().containsKey("Cache-Control")) {
      out = out.withHeader("Cache-Control", "no-store");
    }
    return out;
  }
}
