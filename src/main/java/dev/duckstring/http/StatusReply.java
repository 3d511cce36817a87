package dev.duckstring.http;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.model.RunOutcome;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /api/status}: every line's status.json as the daemon wrote it, plus the
 * graph of deployed lines (nodes) and their Source wiring (edges), at the server's {@code now}.
 * {@code version} names this state of the status and run files: {@code ?since=} it long-polls
 * (decision 42); null from a view that predates it.
 */
public record StatusReply(
    String catchment,
    Instant now,
    List<LineStatus> lines,
    List<Node> nodes,
    List<Edge> edges,
    String version) {
  public StatusReply {
    lines = List.copyOf(lines);
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /** An answer without a version. */
  public StatusReply(
      String catchment, Instant now, List<LineStatus> lines, List<Node> nodes, List<Edge> edges) {
    this(catchment, now, lines, nodes, edges, null);
  }

  /**
   * One deployed line in the graph.
   *
   * @param type inlet, pond or outlet, as the Pond labels itself
   * @param ripples the Ripples of the running version, in declaration order
   * @param stalenessSeconds seconds since the line's data was fresh; null when it never was
   * @param run the line's newest running Pond Run, from its run.json; null when none runs
   */
  public record Node(
      String line,
      String pond,
      int major,
      String type,
      String version,
      List<String> ripples,
      Double stalenessSeconds,
      Running run) {
    /** A node without a running run. */
    public Node(
        String line,
        String pond,
        int major,
        String type,
        String version,
        List<String> ripples,
        Double stalenessSeconds) {
      this(line, pond, major, type, version, ripples, stalenessSeconds, null);
    }
  }

  /**
   * A Pond Run in progress: its id and start, and each Ripple it has started so far (a Ripple not
   * listed has not started).
   */
  public record Running(String id, Instant started, List<RippleState> ripples) {
    public Running {
      ripples = List.copyOf(ripples);
    }

    /** The progress of a running run record. */
    static Running of(RunRecord r) {
      return new Running(
          r.id(),
          r.started(),
          r.ripples().stream()
              .map(
                  x ->
                      new RippleState(
                          x.name(), x.state(), x.started(), Math.max(1, x.attempts().size())))
              .toList());
    }
  }

  /** One started Ripple of a running run: its state and attempts so far (at least 1). */
  public record RippleState(String name, RunOutcome state, Instant started, int attempts) {}

  /**
   * A Source pin: {@code sink} reads {@code source}'s published tables.
   *
   * @param spec the pin as written in pond.toml ({@code 1.0.0}, or {@code 1.0.0?} when optional)
   * @param deployed false when no version of the Source line is deployed
   */
  public record Edge(String source, String sink, String spec, boolean optional, boolean deployed) {}
}
