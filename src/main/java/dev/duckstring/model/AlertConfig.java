package dev.duckstring.model;

import java.time.Duration;
import java.util.List;

/**
 * The alert part of catchment.toml: its {@code [[alerts]]} rules and {@code default_sla}.
 *
 * @param defaultSla the bound on a line's data age for lines whose pond.toml sets no {@code sla};
 *     null: none
 */
public record AlertConfig(List<AlertRule> rules, Duration defaultSla) {
  /** No rules, no default SLA. */
  public static final AlertConfig NONE = new AlertConfig(List.of(), null);

  public AlertConfig {
    rules = List.copyOf(rules);
  }
}
