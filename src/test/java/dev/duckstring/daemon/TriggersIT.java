package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.fs.Json;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.MutableClock;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Standing triggers on the real daemon: counts and orderings, never durations. */
class TriggersIT {
  @TempDir Path tmp;

  /** A -> B -> C of command Ripples that sleep, B the slowest. */
  private static void chain(TestCatchment c) throws Exception {
    String[][] ponds = {{"a", "0.05", null}, {"b", "0.3", "a"}, {"c", "0.05", "b"}};
    for (String[] p : ponds) {
      String toml =
          Projects.toml(
                  p[0],
                  "1.0.0",
                  p[2] == null ? new String[0] : new String[] {p[2] + " = \"1.0.0\""})
              + "[ripples.step]\ncommand = [\"sh\", \"-c\", \"sleep "
              + p[1]
              + "; date +%s%N > $DUCKSTRING_OUT/at.txt\"]\n";
      Projects.write(c.cd(p[0]), "pond.toml", toml);
      c.cli("deploy", "dev").ok();
    }
  }

  private static List<RunRecord> runs(TestCatchment c, String pond) {
    return new RunRecords(c.layout()).recent(new LineId(pond, 1), 1000);
  }

  @Test
  void aWaveRunsContinuouslyAndNothingUpstreamRunsMoreThanItIsConsumed() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      chain(c);
      assertTrue(c.cli("wave", "dev", "c").ok().out().contains("wave set on c@1"));
      c.awaitStatus("c@1", s -> s.runsCompleted() >= 4);
      LineStatus waving = c.status("c@1");
      assertEquals("wave", waving.trigger());
      assertTrue(c.cli("status", "dev").ok().out().contains("wave"));

      c.cli("stop", "dev", "c").ok();
      c.awaitStatus(
          "c@1",
          s ->
              s.trigger() == null
                  && s.runsInFlight() == 0
                  && !s.hasPull()
                  && s.targets().isEmpty());
      c.await(
          "the chain drains",
          () -> c.status("a@1").runsInFlight() == 0 && c.status("b@1").runsInFlight() == 0);
      long cRuns = c.status("c@1").runsCompleted();
      long aRuns = c.status("a@1").runsCompleted();
      long bRuns = c.status("b@1").runsCompleted();
      // Pipelining allows the upstream to prepare at most the generations in flight ahead.
      assertTrue(aRuns <= cRuns + 2, "a ran " + aRuns + " times for " + cRuns + " runs of c");
      assertTrue(bRuns <= cRuns + 2, "b ran " + bRuns + " times for " + cRuns + " runs of c");
      // Every run of c consumed a freshness no newer than what b had published.
      for (RunRecord r : runs(c, "c")) {
        assertTrue(runs(c, "b").stream().anyMatch(b -> !b.f().isBefore(r.f())), r.toString());
      }
      Thread.sleep(500); // nothing standing: nothing more runs
      assertEquals(cRuns, c.status("c@1").runsCompleted());
    }
  }

  @Test
  void aCronTideFiresOnItsScheduleOnTheInjectedClock() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:50:00Z"));
    try (TestCatchment c = new TestCatchment(tmp, clock)) {
      c.start();
      c.deployDemos();
      assertTrue(
          c.cli("tide", "dev", "outlet", "15", "2", "*", "*", "*")
              .ok()
              .out()
              .contains("cron '15 2 * * *' UTC"));
      c.awaitStatus("outlet@1", s -> "tide 15 2 * * * (UTC)".equals(s.trigger()));
      assertTrue(
          c.cli("tide", "dev", "outlet", "15 2 * * *").ok().out().contains("cron '15 2 * * *' UTC"),
          "quoted");
      assertEquals(2, c.cli("tide", "dev", "outlet", "15", "2", "*").code(), "three fields");
      assertTrue(
          c.cli("tide", "dev", "outlet", "61 2 * * *")
              .err()
              .contains("cron '61 2 * * *' is not valid"));
      Thread.sleep(300);
      assertEquals(0, c.status("outlet@1").runsCompleted(), "nothing before 02:15");
      clock.advance(Duration.ofMinutes(30)); // 02:20: the 02:15 firing is due
      c.awaitRuns("outlet@1", 1);
      assertEquals(Instant.parse("2026-11-25T02:20:00Z"), c.status("inlet@1").endF());
      clock.advance(Duration.ofHours(1)); // 03:20: not due again until tomorrow
      Thread.sleep(300);
      assertEquals(1, c.status("outlet@1").runsCompleted());
      clock.advance(Duration.ofDays(1)); // the next day's firing
      c.awaitRuns("outlet@1", 2);
      assertEquals(2, c.status("inlet@1").runsCompleted());
      c.cli("trigger", "remove", "dev", "outlet").ok();
      c.awaitStatus("outlet@1", s -> s.trigger() == null);
    }
  }

  /**
   * Pins the three forms a trigger takes on disk, byte for byte: the operator's TOML file, the
   * engine's block in state.json, the text in status.json, and the event logged when it is set.
   */
  @Test
  void eachTriggerHasTheSameFormsOnDisk() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T01:50:00Z"));
    try (TestCatchment c = new TestCatchment(tmp, clock)) {
      c.start();
      c.deployDemos();
      c.cli("wave", "dev", "inlet").ok();
      c.cli("tide", "dev", "pond", "4h").ok();
      c.cli("tide", "dev", "outlet", "15", "2", "*", "*", "*").ok();
      assertForms(
          c,
          "inlet",
          "kind = \"wave\"\n",
          "wave",
          "Wave[]",
          "  \"trigger\": {\n    \"kind\": \"wave\",\n    \"bound\": null,\n    \"expression\": null,\n"
              + "    \"local\": false,\n    \"nextFire\": null\n  },\n");
      assertForms(
          c,
          "pond",
          "kind = \"tide\"\nevery = \"14400000ms\"\n",
          "tide every 4h00m",
          "Tide[bound=PT4H]",
          "  \"trigger\": {\n    \"kind\": \"tide\",\n    \"bound\": \"PT4H\",\n    \"expression\": null,\n"
              + "    \"local\": false,\n    \"nextFire\": null\n  },\n");
      assertForms(
          c,
          "outlet",
          "kind = \"tide\"\ncron = \"15 2 * * *\"\nlocal = false\n",
          "tide 15 2 * * * (UTC)",
          "Cron[expression=15 2 * * *, local=false]",
          "  \"trigger\": {\n    \"kind\": \"cron\",\n    \"bound\": null,\n    \"expression\": \"15 2 * * *\",\n"
              + "    \"local\": false,\n    \"nextFire\": \"2026-11-25T02:15:00Z\"\n  },\n");
      c.cli("tide", "dev", "outlet", "15", "2", "*", "*", "*", "--local").ok();
      assertEquals(
          "tide 15 2 * * * (local)",
          c.awaitStatus("outlet@1", s -> s.trigger().endsWith("(local)")).trigger());
      assertEquals(
          "kind = \"tide\"\ncron = \"15 2 * * *\"\nlocal = true\n",
          Files.readString(c.layout().trigger(new LineId("outlet", 1))));
      c.cli("trigger", "remove", "dev", "outlet").ok();
      c.awaitStatus("outlet@1", s -> s.trigger() == null);
      Path status = c.layout().status(new LineId("outlet", 1));
      assertTrue(
          Files.readString(status).contains("\n  \"trigger\": null,\n"), Files.readString(status));
      c.await(
          "the removed trigger saved",
          () -> state(c, "outlet").contains("\n  \"trigger\": null,\n"));
      assertTrue(
          events(c).contains(List.of("trigger_removed", "outlet@1", "-")), events(c).toString());
    }
  }

  private static void assertForms(
      TestCatchment c, String pond, String toml, String status, String logged, String state)
      throws Exception {
    LineId line = new LineId(pond, 1);
    assertEquals(toml, Files.readString(c.layout().trigger(line)));
    c.awaitStatus(line.toString(), s -> status.equals(s.trigger()));
    assertTrue(
        Files.readString(c.layout().status(line))
            .contains("\n  \"trigger\": \"" + status + "\",\n"),
        Files.readString(c.layout().status(line)));
    c.await(
        pond + "'s trigger in state.json",
        () -> state(c, pond).contains(state),
        () -> state(c, pond));
    assertTrue(
        events(c).contains(List.of("trigger_set", line.toString(), logged)), events(c).toString());
  }

  private static String state(TestCatchment c, String pond) {
    try {
      return Files.readString(c.layout().state(new LineId(pond, 1)));
    } catch (IOException e) {
      return "";
    }
  }

  /** The trigger events of events.log as [event, line, trigger]. */
  private static List<List<String>> events(TestCatchment c) throws Exception {
    List<List<String>> found = new ArrayList<>();
    for (String l : Files.readAllLines(c.layout().eventsLog())) {
      Map<String, Object> e = Json.read(l, Map.class, "events.log");
      if (String.valueOf(e.get("event")).startsWith("trigger_")) {
        found.add(
            List.of(
                String.valueOf(e.get("event")),
                String.valueOf(e.get("line")),
                e.containsKey("trigger") ? String.valueOf(e.get("trigger")) : "-"));
      }
    }
    return found;
  }

  @Test
  void aStalenessTideKeepsDataYoungerThanItsBound() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T00:00:00Z"));
    try (TestCatchment c = new TestCatchment(tmp, clock)) {
      c.start();
      c.deployDemos();
      c.cli("tide", "dev", "outlet", "4h").ok();
      c.awaitRuns("outlet@1", 1); // the first tick fires at once
      clock.advance(Duration.ofHours(1));
      Thread.sleep(300);
      assertEquals(1, c.status("outlet@1").runsCompleted(), "still fresh enough");
      clock.advance(Duration.ofHours(3));
      c.awaitRuns("outlet@1", 2);
      assertEquals("tide every 4h00m", c.status("outlet@1").trigger());
    }
  }

  @Test
  void aTapPullsOnceAndStandingWavesSurviveARestart() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      chain(c);
      c.cli("tap", "dev", "c").ok();
      c.awaitRuns("c@1", 1);

      c.cli("wave", "dev", "c").ok();
      long before = c.awaitStatus("c@1", s -> s.runsCompleted() >= 3).runsCompleted();
      c.stop(); // in the middle of the wave
      c.start();
      c.awaitStatus("c@1", s -> s.runsCompleted() >= before + 3);
      assertEquals("wave", c.status("c@1").trigger());
      c.cli("stop", "dev", "c").ok();
      c.awaitStatus("c@1", s -> s.trigger() == null && s.runsInFlight() == 0);
      c.await(
          "the chain drains",
          () -> c.status("b@1").runsInFlight() == 0 && c.status("a@1").runsInFlight() == 0);
      // No run record is left running: interrupted runs were resumed and ended.
      for (String p : List.of("a", "b", "c")) {
        for (RunRecord r : runs(c, p)) {
          assertTrue(r.state() != RunOutcome.RUNNING, r.toString());
        }
      }
      assertNull(c.status("c@1").error());
      assertTrue(Files.exists(c.layout().current(new LineId("c", 1))));
    }
  }
}
