package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.fs.Json;
import dev.duckstring.model.AlertEvent;
import dev.duckstring.model.AlertRule;
import dev.duckstring.model.DataTest;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.TestResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which alerts are due, on a virtual clock: once per incident, again after renotify, recovered. */
class IncidentsTest {
  private static final Instant T0 = Instant.parse("2026-11-29T00:00:00Z");
  private static final LineId LINE = LineId.parse("sales@1");

  private static AlertRule rule(Duration renotify, AlertEvent... on) {
    return new AlertRule(
        EnumSet.copyOf(List.of(on)),
        List.of("sh", "-c", "cat"),
        null,
        renotify,
        Duration.ofSeconds(10),
        3,
        List.of());
  }

  private static final AlertRule ALL =
      rule(
          Duration.ofHours(1),
          AlertEvent.FAILED,
          AlertEvent.KILLED,
          AlertEvent.BLOCKED,
          AlertEvent.RECOVERED,
          AlertEvent.STALE);

  private Incidents incidents = new Incidents("dev", Incidents.Saved.NONE);

  private static Incidents.Observation line(LineState state, String error, Instant dataAt) {
    return new Incidents.Observation(LINE, "1.2.0", state, error, dataAt, dataAt, null, "run-1");
  }

  private List<Incidents.Alert> at(long seconds, Incidents.Observation o, AlertRule... rules) {
    return incidents.observe(List.of(o), List.of(rules), T0.plusSeconds(seconds));
  }

  private static List<String> events(List<Incidents.Alert> alerts) {
    return alerts.stream().map(Incidents.Alert::event).toList();
  }

  @Test
  void aFailedAlertCarriesTheFailingDataTestsAndRecoveredNone() {
    TestResult failing =
        new TestResult(
            "daily.not_null.id",
            DataTest.Severity.ERROR,
            "pond.toml:12:3",
            3,
            List.of("id"),
            List.of(Collections.singletonList(null)),
            5,
            null);
    Incidents.Observation failed =
        new Incidents.Observation(
            LINE, "1.2.0", LineState.FAILED, "test failed", T0, T0, null, "r", List.of(failing));
    var p = at(1, failed, ALL).get(0).payload();
    List<?> tests = (List<?>) p.get("tests");
    assertEquals(1, tests.size());
    assertEquals(
        "{\"name\":\"daily.not_null.id\",\"severity\":\"error\",\"origin\":\"pond.toml:12:3\","
            + "\"rows\":3,\"columns\":[\"id\"],\"sample\":[[null]],\"error\":null}",
        Json.line(tests.get(0)));
    var back = at(2, line(LineState.IDLE, null, T0), ALL).get(0).payload();
    assertEquals("recovered", back.get("event"));
    assertEquals(List.of(), back.get("tests"));
  }

  @Test
  void aFailureIsToldOnceThenAgainAfterRenotifyThenRecoveredOnce() {
    Incidents.Observation failed = line(LineState.FAILED, "boom", T0);
    List<Incidents.Alert> first = at(10, failed, ALL);
    assertEquals(List.of("failed"), events(first));
    var p = first.get(0).payload();
    assertEquals("dev", p.get("catchment"));
    assertEquals("sales", p.get("pond"));
    assertEquals("sales@1", p.get("line"));
    assertEquals("1.2.0", p.get("version"));
    assertEquals("boom", p.get("error"));
    assertEquals("run-1", p.get("run"));
    assertEquals(10L, p.get("data_age_s"));
    assertEquals("10s", p.get("data_age"));
    assertEquals(T0.toString(), p.get("data_at"));
    assertEquals(T0.plusSeconds(10).toString(), p.get("since"));
    assertEquals(T0.plusSeconds(10).toString(), p.get("time"));
    assertEquals(0, p.get("repeat"));

    assertEquals(List.of(), events(at(11, failed, ALL)), "told once");
    assertEquals(List.of(), events(at(10 + 3599, failed, ALL)), "not before renotify");
    List<Incidents.Alert> again = at(10 + 3600, failed, ALL);
    assertEquals(List.of("failed"), events(again), "again after 1h");
    assertEquals(1, again.get(0).payload().get("repeat"));
    assertEquals(T0.plusSeconds(10).toString(), again.get(0).payload().get("since"));
    assertEquals(List.of(), events(at(10 + 3601, failed, ALL)));

    List<Incidents.Alert> back = at(4000, line(LineState.IDLE, null, T0.plusSeconds(3990)), ALL);
    assertEquals(List.of("recovered"), events(back));
    assertEquals("failed", back.get(0).payload().get("incident"));
    assertNull(back.get(0).payload().get("error"));
    assertEquals(List.of(), events(at(4001, line(LineState.IDLE, null, T0), ALL)), "once");
    assertTrue(incidents.saved().incidents().isEmpty());
  }

  @Test
  void renotifyZeroNeverTellsAgain() {
    AlertRule once = rule(Duration.ZERO, AlertEvent.FAILED);
    Incidents.Observation failed = line(LineState.FAILED, "boom", T0);
    assertEquals(List.of("failed"), events(at(1, failed, once)));
    assertEquals(List.of(), events(at(1 + 86_400, failed, once)));
    assertEquals(List.of(), events(at(2 + 86_400, line(LineState.IDLE, null, T0), once)));
  }

  @Test
  void killedAndBlockedAreIncidentsTooAndAChangeOfStateIsToldAtOnce() {
    assertEquals(List.of("blocked"), events(at(1, line(LineState.BLOCKED, "x", T0), ALL)));
    assertEquals(List.of("killed"), events(at(2, line(LineState.KILLED, null, T0), ALL)));
    assertEquals(List.of(), events(at(3, line(LineState.KILLED, null, T0), ALL)));
    List<Incidents.Alert> back = at(4, line(LineState.RUNNING, null, T0), ALL);
    assertEquals(List.of("recovered"), events(back));
    assertEquals("killed", back.get(0).payload().get("incident"));
    assertEquals(T0.plusSeconds(1).toString(), back.get(0).payload().get("since"));
  }

  @Test
  void aRuleIsToldOnlyTheEventsItWantsAndRecoveredOnlyOfWhatItWasTold() {
    AlertRule failures = rule(Duration.ofHours(1), AlertEvent.FAILED, AlertEvent.RECOVERED);
    assertEquals(List.of(), events(at(1, line(LineState.BLOCKED, "x", T0), failures)));
    assertEquals(List.of(), events(at(2, line(LineState.IDLE, null, T0), failures)));
    assertEquals(List.of("failed"), events(at(3, line(LineState.FAILED, "y", T0), failures)));
    assertEquals(List.of("recovered"), events(at(4, line(LineState.IDLE, null, T0), failures)));
  }

  @Test
  void staleFiresPastTheSlaAndRecoversWithFreshData() {
    Duration sla = Duration.ofSeconds(2);
    Incidents.Observation published =
        new Incidents.Observation(LINE, "1.0.0", LineState.IDLE, null, T0, T0, sla, "r");
    assertEquals(List.of(), events(at(2, published, ALL)), "at the bound, not past it");
    List<Incidents.Alert> stale = at(3, published, ALL);
    assertEquals(List.of("stale"), events(stale));
    var p = stale.get(0).payload();
    assertEquals(3L, p.get("data_age_s"));
    assertEquals("2s", p.get("sla"));
    assertEquals(T0.plusSeconds(2).toString(), p.get("since"), "since the bound was passed");
    assertEquals(List.of(), events(at(60, published, ALL)));
    Incidents.Observation fresh =
        new Incidents.Observation(
            LINE, "1.0.0", LineState.IDLE, null, T0.plusSeconds(61), T0.plusSeconds(61), sla, "s");
    List<Incidents.Alert> back = at(61, fresh, ALL);
    assertEquals(List.of("recovered"), events(back));
    assertEquals("stale", back.get(0).payload().get("incident"));
  }

  @Test
  void aLineThatNeverPublishedCountsItsAgeFromItsDeploy() {
    Incidents.Observation never =
        new Incidents.Observation(
            LINE, "1.0.0", LineState.IDLE, null, null, T0, Duration.ofSeconds(5), null);
    assertEquals(List.of(), events(at(5, never, ALL)));
    List<Incidents.Alert> stale = at(6, never, ALL);
    assertEquals(List.of("stale"), events(stale));
    assertNull(stale.get(0).payload().get("data_at"));
    assertEquals(6L, stale.get(0).payload().get("data_age_s"));
  }

  @Test
  void aRestartNeitherTellsAgainNorForgetsAnOpenIncident() {
    Incidents.Observation failed = line(LineState.FAILED, "boom", T0);
    assertEquals(List.of("failed"), events(at(1, failed, ALL)));
    incidents = new Incidents("dev", incidents.saved()); // what alerts/state.json brings back
    assertEquals(List.of(), events(at(2, failed, ALL)), "not told again");
    assertEquals(List.of("recovered"), events(at(3, line(LineState.IDLE, null, T0), ALL)));
  }

  @Test
  void anUndeployedLinesIncidentEndsWithoutAWord() {
    assertEquals(List.of("failed"), events(at(1, line(LineState.FAILED, "x", T0), ALL)));
    assertEquals(List.of(), incidents.observe(List.of(), List.of(ALL), T0.plusSeconds(2)));
    assertTrue(incidents.saved().incidents().isEmpty());
  }

  @Test
  void theSavedIncidentsRoundTripThroughJsonWithEventWords() {
    at(1, line(LineState.FAILED, "x".repeat(10_000), T0), ALL);
    String json = Json.write(incidents.saved());
    assertTrue(json.contains("\"event\": \"failed\""), json);
    assertEquals(
        incidents.saved(), Json.read(json, Incidents.Saved.class, "alerts/state.json"), json);
  }

  @Test
  void aLongErrorIsCutAndDeliveryPausesGrowToAMinute() {
    List<Incidents.Alert> a = at(1, line(LineState.FAILED, "x".repeat(10_000), T0), ALL);
    assertEquals(Incidents.MAX_ERROR + 3, String.valueOf(a.get(0).payload().get("error")).length());
    assertEquals(
        List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L),
        IntStream.rangeClosed(1, 8).mapToObj(i -> AlertDelivery.pause(i).toSeconds()).toList());
  }
}
