package dev.duckstring.model;

import java.time.Duration;
import java.time.Instant;

/**
 * A standing trigger of a Pond line (at most one; a new one replaces it): the one type for the file
 * {@code triggers/m<major>.toml} (read and written by {@code manifest.TriggerFile}), the engine's
 * trigger, its block in state.json ({@link Saved}) and its text in status ({@link #status()}). Its
 * {@code toString()} is the {@code trigger} field of events.log.
 */
public sealed interface Trigger {
  /**
   * The text of status.json, {@code status} and the HTTP API: {@code wave}, {@code tide every
   * 4h00m}.
   */
  String status();

  /**
   * What the CLI says it set: {@code keep data younger than 4h00m}, {@code cron '15 2 * * *' UTC}.
   */
  String meaning();

  /** The block saved in state.json; {@code nextFire} is the engine's, kept only for a cron tide. */
  Saved saved(Instant nextFire);

  /** A wave: a standing pull, re-tapped at every completion and whenever idle. */
  record Wave() implements Trigger {
    @Override
    public String status() {
      return "wave";
    }

    @Override
    public String meaning() {
      return "a standing pull";
    }

    @Override
    public Saved saved(Instant nextFire) {
      return new Saved("wave", null, null, false, null);
    }
  }

  /** A staleness tide: keeps the line's data younger than {@code bound}. */
  record Tide(Duration bound) implements Trigger {
    @Override
    public String status() {
      return "tide every " + Durations.human(bound);
    }

    @Override
    public String meaning() {
      return "keep data younger than " + Durations.human(bound);
    }

    @Override
    public Saved saved(Instant nextFire) {
      return new Saved("tide", bound, null, false, null);
    }
  }

  /** A cron tide: a target of now each time the 5-field expression fires, in UTC or local time. */
  record Cron(String expression, boolean local) implements Trigger {
    @Override
    public String status() {
      return "tide " + expression + (local ? " (local)" : " (UTC)");
    }

    @Override
    public String meaning() {
      return "cron '" + expression + "' " + (local ? "local time" : "UTC");
    }

    @Override
    public Saved saved(Instant nextFire) {
      return new Saved("cron", null, expression, local, nextFire);
    }
  }

  /**
   * A trigger as saved in state.json, with the engine's next fire time.
   *
   * @param kind "wave", "tide" or "cron"
   * @param bound the staleness tide's bound (null otherwise)
   * @param expression the cron expression (null otherwise)
   * @param local whether the cron expression is in local time
   * @param nextFire the cron tide's next fire time (null otherwise)
   */
  record Saved(String kind, Duration bound, String expression, boolean local, Instant nextFire) {
    /** The trigger saved here; an unknown kind is an {@link IllegalArgumentException}. */
    public Trigger trigger() {
      return switch (kind) {
        case "wave" -> new Wave();
        case "tide" -> new Tide(bound);
        case "cron" -> new Cron(expression, local);
        default -> throw new IllegalArgumentException("unknown trigger kind '" + kind + "'");
      };
    }
  }
}
