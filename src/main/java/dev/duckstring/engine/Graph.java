package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Pond lines the engine schedules, keyed by line; built by the daemon from deployed versions.
 */
public record Graph(Map<LineId, PondNode> lines) {
  public Graph {
    lines = Map.copyOf(lines);
  }

  /**
   * One Pond line.
   *
   * @param sources declared Sources (a Source line absent from the graph is a missing Source)
   * @param ripples each Ripple with its intra-Pond parents (a DAG); iteration order is stable
   * @param code the code the line runs: a run whose code differs from the code that made the
   *     published data is always a real run
   */
  public record PondNode(
      LineId id, List<SourceEdge> sources, Map<String, List<String>> ripples, Code code) {
    public PondNode {
      sources = List.copyOf(sources);
      ripples = Collections.unmodifiableMap(new LinkedHashMap<>(ripples));
      Objects.requireNonNull(code, "code");
    }

    /** A line whose code has no name (tests of rules that do not look at code). */
    public PondNode(LineId id, List<SourceEdge> sources, Map<String, List<String>> ripples) {
      this(id, sources, ripples, Code.UNNAMED);
    }
  }

  /**
   * The identity of a line's code: its version and the content hash of the deployed files (a forced
   * redeploy of a version with other files is other code). Compared only for equality.
   */
  public record Code(String version, String contentHash) {
    /** The code of a line built without one. */
    public static final Code UNNAMED = new Code("", "");
  }

  /** A Source of a line; optional Sources never gate a run. */
  public record SourceEdge(LineId source, boolean required) {}
}
