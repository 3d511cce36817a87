package dev.duckstring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duckstring.fs.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every variant of {@link Trigger} in each of its forms: status text, CLI text, state.json. */
class TriggerFormsTest {
  private static final Instant NEXT = Instant.parse("2026-11-25T02:15:00Z");

  @Test
  void eachVariantHasItsStatusAndCliText() {
    Trigger wave = new Trigger.Wave();
    Trigger tide = new Trigger.Tide(Duration.ofHours(4));
    Trigger utc = new Trigger.Cron("15 2 * * *", false);
    Trigger local = new Trigger.Cron("15 2 * * *", true);
    assertEquals(
        List.of("wave", "tide every 4h00m", "tide 15 2 * * * (UTC)", "tide 15 2 * * * (local)"),
        List.of(wave.status(), tide.status(), utc.status(), local.status()));
    assertEquals(
        List.of(
            "keep data younger than 4h00m",
            "cron '15 2 * * *' UTC",
            "cron '15 2 * * *' local time"),
        List.of(tide.meaning(), utc.meaning(), local.meaning()));
    // events.log carries the record's own text: renaming a component would change the log.
    assertEquals(
        List.of("Wave[]", "Tide[bound=PT4H]", "Cron[expression=15 2 * * *, local=true]"),
        List.of(wave.toString(), tide.toString(), local.toString()));
  }

  @Test
  void theSavedFormKeepsTheNextFireOfACronTideOnly() {
    assertEquals(
        "{\"kind\":\"cron\",\"bound\":null,\"expression\":\"15 2 * * *\",\"local\":true,"
            + "\"nextFire\":\"2026-11-25T02:15:00Z\"}",
        Json.line(new Trigger.Cron("15 2 * * *", true).saved(NEXT)));
    assertEquals(
        "{\"kind\":\"tide\",\"bound\":\"PT4H\",\"expression\":null,\"local\":false,\"nextFire\":null}",
        Json.line(new Trigger.Tide(Duration.ofHours(4)).saved(NEXT)));
    assertEquals(
        "{\"kind\":\"wave\",\"bound\":null,\"expression\":null,\"local\":false,\"nextFire\":null}",
        Json.line(new Trigger.Wave().saved(NEXT)));
    for (Trigger t :
        List.of(
            new Trigger.Wave(),
            new Trigger.Tide(Duration.ofSeconds(90)),
            new Trigger.Cron("0 * * * *", false))) {
      Trigger.Saved saved = Json.read(Json.write(t.saved(NEXT)), Trigger.Saved.class, "t");
      assertEquals(t, saved.trigger());
    }
    assertNull(new Trigger.Wave().saved(NEXT).nextFire());
    assertEquals(
        "unknown trigger kind 'tides'",
        assertThrows(
                IllegalArgumentException.class,
                () -> new Trigger.Saved("tides", null, null, false, null).trigger())
            .getMessage());
  }
}
