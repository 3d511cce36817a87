package dev.duckstring.model;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * One Ripple of a Pond: a SQL file whose SELECT becomes a table, or a command writing files.
 *
 * @param sql project-relative path of the SQL file (null for a command Ripple)
 * @param command program and arguments (empty for a SQL Ripple)
 * @param parents declared intra-Pond parents; null when they are to be inferred from the SQL
 * @param timeout how long one attempt may run before it is stopped (pond.toml {@code timeout});
 *     null when the Ripple sets none (the Catchment's {@code default_timeout} then applies)
 * @param engine what runs a SQL Ripple ({@code engine} in pond.toml, decision 55); a command Ripple
 *     runs its own program and always carries {@link RippleEngine#DUCKDB}
 */
public record RippleSpec(
    String name,
    String sql,
    List<String> command,
    List<String> parents,
    Duration timeout,
    RippleEngine engine) {
  /** A Ripple run by the embedded DuckDB (or a command Ripple). */
  public RippleSpec(
      String name, String sql, List<String> command, List<String> parents, Duration timeout) {
    this(name, sql, command, parents, timeout, RippleEngine.DUCKDB);
  }

  public RippleSpec {
    Names.check("ripple", name);
    command = List.copyOf(requireNonNull(command, "command is null"));
    parents = parents == null ? null : List.copyOf(parents);
    if ((sql == null) == command.isEmpty()) {
      throw new IllegalArgumentException("a ripple has exactly one of sql and command");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new IllegalArgumentException("timeout must be positive, got " + timeout);
    }
    engine = engine == null ? RippleEngine.DUCKDB : engine;
    if (sql == null && engine != RippleEngine.DUCKDB) {
      throw new IllegalArgumentException("a command ripple runs its own program, not " + engine);
    }
  }

  /** A SQL Ripple found as {@code src/<name>.sql}: parents inferred, no timeout of its own. */
  public static RippleSpec discovered(String name) {
    return new RippleSpec(name, "src/" + name + ".sql", List.of(), null, null);
  }

  /** True for a SQL Ripple that Spark runs. */
  public boolean onSpark() {
    return engine == RippleEngine.SPARK;
  }

  /** True for a SQL Ripple. */
  public boolean isSql() {
    return sql != null;
  }

  /** The time limit of one attempt: this Ripple's own, else {@code fallback} (null: none). */
  public Duration timeoutOr(Duration fallback) {
    return timeout != null ? timeout : fallback;
  }
}
