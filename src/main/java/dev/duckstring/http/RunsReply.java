package dev.duckstring.http;

import dev.duckstring.catchment.RunRecord;
import java.util.List;

/** The body of {@code GET /api/runs}: run records, newest first, as the daemon wrote them. */
public record RunsReply(List<RunRecord> runs) {
  public RunsReply {
    runs = List.copyOf(runs);
  }
}
