package dev.duckstring.deploy;

import static java.util.Objects.requireNonNull;

import dev.duckstring.model.PondVersion;
import java.nio.file.Path;
import java.util.List;

/**
 * What a deploy did.
 *
 * @param dir the version directory in the Catchment root
 * @param origin "path" or "git"
 * @param ref the git ref deployed (branch, tag or commit as given), else null
 * @param commit the resolved commit id of a git deploy, else null
 * @param warnings what the deploy did not refuse but the operator should read (a Source that looks
 *     like a typo, a deprecated Source), each one line
 */
public record DeployResult(
    String pond,
    PondVersion version,
    Path dir,
    Outcome outcome,
    String origin,
    String ref,
    String commit,
    List<String> warnings) {
  public DeployResult {
    requireNonNull(pond, "pond is null");
    requireNonNull(version, "version is null");
    requireNonNull(dir, "dir is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(origin, "origin is null");
    warnings = warnings == null ? List.of() : List.copyOf(warnings);
  }

  /** A result without warnings. */
  public DeployResult(
      String pond,
      PondVersion version,
      Path dir,
      Outcome outcome,
      String origin,
      String ref,
      String commit) {
    this(pond, version, dir, outcome, origin, ref, commit, List.of());
  }

  /** This result with {@code warnings}. */
  public DeployResult withWarnings(List<String> warnings) {
    return new DeployResult(pond, version, dir, outcome, origin, ref, commit, warnings);
  }

  /** How the version directory changed. */
  public enum Outcome {
    /** A new version directory was installed. */
    INSTALLED,
    /** An existing version with different content was replaced ({@code --force}). */
    REPLACED,
    /** The version was already deployed with the same content; nothing changed. */
    UNCHANGED
  }

  /** A one-line summary for the CLI, e.g. {@code deployed sales 1.2.0 (git main @ 1a2b3c4d)}. */
  public String message() {
    String what = pond + " " + version;
    String from = origin + (ref == null ? "" : " " + ref);
    if (commit != null) {
      from += " @ " + commit.substring(0, Math.min(8, commit.length()));
    }
    switch (outcome) {
      case UNCHANGED:
        return what + " is already deployed, unchanged (" + from + ")";
      case REPLACED:
        return "replaced " + what + " (" + from + ")";
      default:
        return "deployed " + what + " (" + from + ")";
    }
  }

  /** True unless the deploy was a no-op. */
  public boolean changed() {
    return outcome != Outcome.UNCHANGED;
  }
}
