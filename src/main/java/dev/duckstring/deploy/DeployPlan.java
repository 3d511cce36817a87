package dev.duckstring.deploy;

import dev.duckstring.model.LineId;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.SourcePin;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code deploy --plan} found, without changing anything: what the deploy would do to the
 * line, each Source pin, the Sinks it moves, whether it would be refused, and what the schema
 * comparison needs (SQL texts, the Sources' and the line's published data, the contract file).
 *
 * @param origin {@code path}, or {@code git REF @ COMMIT8}
 * @param selected the version the line runs before the deploy (null: a new line)
 * @param majors the majors of this Pond deployed before (for a new line of a known Pond)
 * @param refusal why the deploy would be refused, one line (null: it would succeed)
 * @param sql each DuckDB SQL Ripple's text as deployed, by name in declaration order
 * @param commands the command and Spark Ripples' names (their schema is not known ahead)
 * @param sourceData each Source Pond's published generation (Sources with data only)
 * @param published the line's published generation (null: none)
 * @param contract the line's contract file (may not exist)
 */
public record DeployPlan(
    PondManifest manifest,
    String origin,
    Change change,
    PondVersion selected,
    List<Integer> majors,
    List<Pin> sources,
    List<Sink> sinks,
    String refusal,
    Map<String, String> sql,
    List<String> commands,
    Map<String, Path> sourceData,
    Path published,
    Path contract) {

  /** What the deploy does to the line. */
  public enum Change {
    /** The first version of a Pond not deployed at all. */
    NEW_POND,
    /** The first version of a new major of a deployed Pond. */
    NEW_LINE,
    /** A higher version of the line: it becomes the selected one. */
    UPGRADE,
    /** A lower version than the selected one: installed beside it, runs nothing. */
    BESIDE,
    /** The same version with other files: refused without {@code --force}, replaced with it. */
    REDEPLOY,
    /** The same version with the same files: nothing to do. */
    IDENTICAL
  }

  /** How one Source pin would be met. */
  public enum PinState {
    /** The pinned line is deployed at the pin or higher. */
    SATISFIED,
    /** The pinned line is deployed below the pin: the deploy is refused. */
    BELOW_PIN,
    /** The Pond is deployed, but not at the pinned major. */
    MISSING_MAJOR,
    /** The Pond is not deployed at all. */
    MISSING
  }

  /**
   * One Source pin: its state, the version its line runs (null when missing), a did-you-mean hint
   * (null: none) and the line's deprecation message (null: not deprecated).
   */
  public record Pin(
      SourcePin pin, PinState state, PondVersion runs, String closest, String deprecated) {}

  /** What the deploy does to a deployed Sink that pins this Pond. */
  public enum SinkEffect {
    /** The Sink's next run reads the new version. */
    MOVES,
    /** The Sink pins a higher version than this one: the deploy is refused. */
    REFUSED,
    /** This version does not become selected: the Sink keeps reading the selected one. */
    STAYS,
    /** The Sink pins another major of this Pond and stays on it. */
    OTHER_MAJOR
  }

  /** A deployed Sink {@code line} running {@code version} with its {@code pin} on this Pond. */
  public record Sink(LineId line, PondVersion version, SourcePin pin, SinkEffect effect) {}

  /** True when the deploy would go through (possibly as a no-op). */
  public boolean accepted() {
    return refusal == null;
  }
}
