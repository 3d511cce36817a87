package dev.duckstring.http;

import dev.duckstring.catchment.LineStatus;
import java.time.Instant;
import java.util.List;

/**
 * The body of {@code GET /api/status}: every line's status.json as the daemon wrote it, plus the
 * graph of deployed lines (nodes) and their Source wiring (edges), at the server's {@code now}.
 */
public record StatusReply(
    String catchment, Instant now, List<LineStatus> lines, List<Node> nodes, List<Edge> edges) {
  public StatusReply {
    lines = List.copyOf(lines);
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * One deployed line in the graph.
   *
   * @param type inlet, pond or outlet, as the Pond labels itself
   * @param ripples the Ripples of the running version, in declaration order
   * @param stalenessSeconds seconds since the line's data was fresh; null when it never was
   */
  public record Node(
      String line,
      String pond,
      int major,
      String type,
      String version,
      List<String> ripples,
      Double stalenessSeconds) {}

  /**
   * A Source pin: {@code sink} reads {@code source}'s published tables.
   *
   * @param spec the pin as written in pond.toml ({@code 1.0.0}, or {@code 1.0.0?} when optional)
   * @param deployed false when no version of the Source line is deployed
   */
  public record Edge(String source, String sink, String spec, boolean optional, boolean deployed) {}
}
