package dev.duckstring.daemon;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import dev.duckstring.engine.CronSchedule;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Trigger;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/** Five-field Unix cron (minute hour day month weekday) with cron-utils, in UTC or local time. */
public final class CronSchedules implements CronSchedule {
  private static final CronParser PARSER =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private final ZoneId local;

  public CronSchedules(ZoneId local) {
    this.local = local;
  }

  /** Validates a cron expression, throwing a one-line error that says what is wrong. */
  public static void validate(String expression) {
    parse(expression);
  }

  private static ExecutionTime parse(String expression) {
    try {
      return ExecutionTime.forCron(PARSER.parse(expression).validate());
    } catch (IllegalArgumentException e) {
      throw new DuckstringException(
          "cron '"
              + expression
              + "' is not valid: "
              + e.getMessage()
              + " (expected 5 fields: minute hour day-of-month month day-of-week)");
    }
  }

  @Override
  public Instant nextAfter(Trigger.Cron cron, Instant after) {
    ZoneId zone = cron.local() ? local : ZoneOffset.UTC;
    return parse(cron.expression())
        .nextExecution(ZonedDateTime.ofInstant(after, zone))
        .map(ZonedDateTime::toInstant)
        .orElse(Instant.MAX);
  }
}
