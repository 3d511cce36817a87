package dev.duckstring.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/** A validated pond.toml: identity, Sources and Ripples (in declaration order). */
public record PondManifest(
    String name,
    PondVersion version,
    PondType type,
    List<SourcePin> sources,
    List<RippleSpec> ripples) {
  public PondManifest {
    Names.check("pond", name);
    requireNonNull(version, "version is null");
    requireNonNull(type, "type is null");
    sources = List.copyOf(sources);
    ripples = List.copyOf(ripples);
  }

  /** The live line this version belongs to. */
  public LineId line() {
    return new LineId(name, version.major());
  }
}
