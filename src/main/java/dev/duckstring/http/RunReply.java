package dev.duckstring.http;

import dev.duckstring.catchment.RunRecord;
import java.util.List;

/**
 * The body of {@code GET /api/ponds/{pond}/runs/{run}}: one run record as the daemon wrote it, and
 * the Ripples its version declares (in order), so a reader sees which have not started yet.
 */
public record RunReply(String line, List<String> ripples, RunRecord run) {
  public RunReply {
    ripples = List.copyOf(ripples);
  }
}
