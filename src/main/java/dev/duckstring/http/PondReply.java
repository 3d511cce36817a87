package dev.duckstring.http;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.SchemaContract;
import java.util.List;

/**
 * The body of {@code GET /api/ponds/{pond}}: every line of one Pond with its published files;
 * {@code versions} are all deployed, {@code yanked} those of them with a YANKED file.
 */
public record PondReply(String pond, List<String> versions, List<Line> lines, List<String> yanked) {
  public PondReply {
    versions = List.copyOf(versions);
    lines = List.copyOf(lines);
    yanked = List.copyOf(yanked);
  }

  /**
   * One line: its status (null before the daemon wrote one), published generation and files, its
   * newest runs, and its schema contract (null before one is captured or while its file is not a
   * contract: the status says why; a refused run's diff is in its run and the status).
   */
  public record Line(
      String line,
      String type,
      String version,
      List<String> sources,
      LineStatus status,
      String generation,
      List<Ripple> ripples,
      List<RunRecord> runs,
      SchemaContract contract) {}

  /** A published Ripple and its files (paths relative to the Ripple's directory). */
  public record Ripple(String name, List<FileEntry> files) {}

  /** One published file. */
  public record FileEntry(String path, long bytes) {}
}
