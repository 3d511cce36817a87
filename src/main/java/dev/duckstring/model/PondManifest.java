package dev.duckstring.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * A validated pond.toml: identity, Sources, Ripples (in declaration order), the retry budget its
 * {@code [retry]} table seeds (an operator's budget file overrides it) and its {@code sla} (the
 * bound on the age of its published data; null: the Catchment's {@code default_sla}) and {@code
 * deprecated} (pond.toml's {@code [pond] deprecated}: why and what to use instead; null: not
 * deprecated), which marks its major deprecated while it is the line's selected version, and its
 * data {@code tests} ({@code tests/*.sql} and {@code [ripples.<r>.checks]}, decision 48).
 */
public record PondManifest(
    String name,
    PondVersion version,
    PondType type,
    List<SourcePin> sources,
    List<RippleSpec> ripples,
    RetryBudget retry,
    Duration sla,
    String deprecated,
    List<DataTest> tests) {
  public PondManifest {
    Names.check("pond", name);
    requireNonNull(version, "version is null");
    requireNonNull(type, "type is null");
    sources = List.copyOf(sources);
    ripples = List.copyOf(ripples);
    tests = tests == null ? List.of() : List.copyOf(tests);
    retry = retry == null ? RetryBudget.NONE : retry;
    if (sla != null && (sla.isNegative() || sla.isZero())) {
      throw new IllegalArgumentException("sla must be positive, got " + sla);
    }
    if (deprecated != null && deprecated.isBlank()) {
      throw new IllegalArgumentException("deprecated must be null or a message");
    }
  }

  /** A manifest without data tests. */
  public PondManifest(
      String name,
      PondVersion version,
      PondType type,
      List<SourcePin> sources,
      List<RippleSpec> ripples,
      RetryBudget retry,
      Duration sla,
      String deprecated) {
    this(name, version, type, sources, ripples, retry, sla, deprecated, List.of());
  }

  /** A manifest that is not deprecated. */
  public PondManifest(
      String name,
      PondVersion version,
      PondType type,
      List<SourcePin> sources,
      List<RippleSpec> ripples,
      RetryBudget retry,
      Duration sla) {
    this(name, version, type, sources, ripples, retry, sla, null);
  }

  /** A manifest without {@code sla}. */
  public PondManifest(
      String name,
      PondVersion version,
      PondType type,
      List<SourcePin> sources,
      List<RippleSpec> ripples,
      RetryBudget retry) {
    this(name, version, type, sources, ripples, retry, null);
  }

  /** A manifest without {@code [retry]}: no retries. */
  public PondManifest(
      String name,
      PondVersion version,
      PondType type,
      List<SourcePin> sources,
      List<RippleSpec> ripples) {
    this(name, version, type, sources, ripples, RetryBudget.NONE, null);
  }

  /** This manifest marked deprecated with {@code message} (null: not deprecated). */
  public PondManifest withDeprecated(String message) {
    return new PondManifest(name, version, type, sources, ripples, retry, sla, message, tests);
  }

  /** The live line this version belongs to. */
  public LineId line() {
    return new LineId(name, version.major());
  }
}
