package dev.duckstring.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * A validated pond.toml: identity, Sources, Ripples (in declaration order) and the retry budget its
 * {@code [retry]} table seeds (an operator's budget file overrides it).
 */
public record PondManifest(
    String name,
    PondVersion version,
    PondType type,
    List<SourcePin> sources,
    List<RippleSpec> ripples,
    RetryBudget retry) {
  public PondManifest {
    Names.check("pond", name);
    requireNonNull(version, "version is null");
    requireNonNull(type, "type is null");
    sources = List.copyOf(sources);
    ripples = List.copyOf(ripples);
    retry = retry == null ? RetryBudget.NONE : retry;
  }

  /** A manifest without {@code [retry]}: no retries. */
  public PondManifest(
      String name,
      PondVersion version,
      PondType type,
      List<SourcePin> sources,
      List<RippleSpec> ripples) {
    this(name, version, type, sources, ripples, RetryBudget.NONE);
  }

  /** The live line this version belongs to. */
  public LineId line() {
    return new LineId(name, version.major());
  }
}
