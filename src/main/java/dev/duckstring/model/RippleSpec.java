package dev.duckstring.model;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One Ripple of a Pond: a SQL file whose SELECT becomes a table, or a command writing files.
 *
 * @param sql project-relative path of the SQL file (null for a command Ripple)
 * @param command program and arguments (empty for a SQL Ripple)
 * @param parents declared intra-Pond parents; null when they are to be inferred from the SQL
 */
public record RippleSpec(String name, String sql, List<String> command, List<String> parents) {
  public RippleSpec {
    Names.check("ripple", name);
    command = List.copyOf(requireNonNull(command, "command is null"));
    parents = parents == null ? null : List.copyOf(parents);
    if ((sql == null) == command.isEmpty()) {
      throw new IllegalArgumentException("a ripple has exactly one of sql and command");
    }
  }

  /** True for a SQL Ripple. */
  public boolean isSql() {
    return sql != null;
  }
}
