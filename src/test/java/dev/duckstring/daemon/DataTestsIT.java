package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.EventFiles;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.model.DataTest;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.TestResult;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Pond's data tests guard every publish on the real daemon (issue 13 item 4, decision 49): a
 * failing check or SQL test fails the run with its rows in run.json and status while the last good
 * generation stays; a warn test publishes with the warning recorded; a kill or the time limit stops
 * a slow test; a restart during the tests runs them again and publishes once.
 */
class DataTestsIT {
  private static final LineId SHOP1 = new LineId("shop", 1);
  private static final String CHECKS = "[ripples.daily.checks]\nnot_null = [\"id\"]\n";
  private static final String POSITIVE = "SELECT * FROM daily WHERE id < 0\n";

  @TempDir Path tmp;

  /** Deploys shop at {@code version}: Ripple daily is {@code sql}, then more pond.toml, files. */
  private static void deployShop(
      TestCatchment c, String version, String sql, String toml, String... files) throws Exception {
    Path p = c.cd("shop-" + version);
    List<String> all = new ArrayList<>(List.of("pond.toml", Projects.toml("shop", version) + toml));
    all.addAll(List.of("src/daily.sql", sql));
    all.addAll(Arrays.asList(files));
    Projects.write(p, all.toArray(String[]::new));
    c.cli("deploy", "dev").ok();
  }

  /** Pulses {@code line}'s Pond and waits until a run other than {@code after} ended. */
  private static LineStatus pulse(TestCatchment c, String line, String after) {
    c.cli("pulse", "dev", line.substring(0, line.indexOf('@'))).ok();
    return ended(c, line, after);
  }

  private static LineStatus ended(TestCatchment c, String line, String after) {
    return c.awaitStatus(
        line,
        s ->
            s.lastRun() != null
                && !s.lastRun().id().equals(after)
                && s.lastRun().outcome() != RunOutcome.RUNNING
                && s.runsInFlight() == 0);
  }

  private static RunRecord record(TestCatchment c, LineStatus s) {
    return new RunRecords(c.layout()).read(SHOP1, s.lastRun().id());
  }

  private static TestResult test(RunRecord r, String name) {
    return r.tests().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
  }

  private static long events(TestCatchment c, String event) {
    return new EventFiles(c.layout())
        .lines().stream()
            .filter(l -> l.contains("\"event\":\"" + event + "\"") && l.contains("shop@1"))
            .count();
  }

  /** The last {@code event} line of shop@1 in events.log. */
  private static String event(TestCatchment c, String event) {
    return new EventFiles(c.layout())
        .lines().stream()
            .filter(l -> l.contains("\"event\":\"" + event + "\"") && l.contains("shop@1"))
            .reduce((a, b) -> b)
            .orElseThrow();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A SQL test that runs for ages while {@code gate} has more than one row, else at once. */
  private static String slow(Path gate) {
    return "SELECT * FROM (WITH RECURSIVE t(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM t"
        + " WHERE i < (SELECT CASE WHEN count(*) > 1 THEN 1000000000 ELSE 0 END"
        + " FROM read_csv('"
        + gate
        + "'))) SELECT i FROM t) WHERE i < 0\n";
  }

  @Test
  void failingTestsFailTheRunKeepTheDataAndAWarnTestPublishes() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deployShop(
          c, "1.0.0", "SELECT 1 AS id, 'a' AS day\n", CHECKS, "tests/positive.sql", POSITIVE);
      Path sink = c.cd("report");
      Projects.write(
          sink,
          "pond.toml",
          Projects.toml("report", "1.0.0", "shop = \"1.0.0\""),
          "src/total.sql",
          "SELECT count(*) AS n FROM shop.daily\n");
      c.cli("deploy", "dev").ok();
      assertEquals(RunOutcome.SUCCESS, pulse(c, "report@1", null).lastRun().outcome());
      LineStatus good = c.status("shop@1");
      RunRecord passed = record(c, good);
      assertEquals(
          List.of("positive", "daily.not_null.id"),
          passed.tests().stream().map(TestResult::name).toList());
      assertTrue(passed.tests().stream().allMatch(TestResult::passed), passed.tests().toString());
      assertEquals(2, good.lastRun().tests().total());
      assertEquals(List.of(), good.lastRun().tests().failing());
      String passedEvent = event(c, "tests_passed");
      assertTrue(passedEvent.contains("\"tests\":2"), passedEvent);
      assertFalse(passedEvent.contains("\"error\""), passedEvent);

      Path alerts = tmp.resolve("alerts.jsonl");
      Path next = c.root().resolve("catchment.toml.new");
      Files.writeString(
          next,
          "name = \"dev\"\n[[alerts]]\non = [\"failed\"]\n"
              + "command = [\"sh\", \"-c\", \"cat >> '"
              + alerts
              + "'\"]\n");
      Files.move(next, c.layout().config(), StandardCopyOption.ATOMIC_MOVE);

      // 1.1.0 makes a NULL id and a negative one: both tests fail, the run fails before publishing.
      deployShop(
          c,
          "1.1.0",
          "SELECT * FROM (VALUES (1, 'a'), (NULL, 'b'), (-5, 'c')) t(id, day)\n",
          CHECKS,
          "tests/positive.sql",
          POSITIVE);
      LineStatus failed = pulse(c, "shop@1", good.lastRun().id());
      assertEquals(RunOutcome.FAILED, failed.lastRun().outcome(), failed.toString());
      assertEquals(LineState.FAILED, failed.state());
      assertEquals(
          "test positive failed: 1 row (tests/positive.sql) and 1 more failing test",
          failed.error());
      RunRecord run = record(c, failed);
      assertEquals(1, test(run, "positive").rows());
      assertEquals(List.of(List.of("-5", "c")), test(run, "positive").sample());
      TestResult notNull = test(run, "daily.not_null.id");
      assertEquals(DataTest.Severity.ERROR, notNull.severity());
      assertTrue(notNull.origin().startsWith("pond.toml:"), notNull.origin());
      assertEquals(1, notNull.rows());
      assertEquals(null, notNull.sample().get(0).get(0));
      assertEquals(List.of("positive", "daily.not_null.id"), failed.lastRun().tests().failed());
      String failedEvent = event(c, "tests_failed");
      assertTrue(failedEvent.contains("\"error\":\"test positive failed: 1 row"), failedEvent);
      String json = Files.readString(c.layout().run(SHOP1, run.id()).resolve("run.json"));
      assertTrue(json.contains("\"tests\": [") && json.contains("\"severity\": \"error\""), json);
      String status = c.cli("status", "dev", "shop").exits(1).out();
      assertTrue(
          status.contains("tests: shop@1: failed: 2 tests (positive, daily.not_null.id)"), status);
      assertTrue(status.contains("NULL | b") && status.contains("-5 | c"), status);
      String runs = c.cli("runs", "dev", "shop").ok().out();
      assertTrue(runs.contains("test daily.not_null.id") && runs.contains("NULL | b"), runs);
      String rows = c.cli("query", "dev", "shop", "daily").ok().out();
      assertFalse(rows.contains("-5"), "the last good generation stays: " + rows);
      String pulseErr = c.cli("pulse", "dev", "report").exits(1).err();
      assertTrue(pulseErr.contains("blocked by shop@1"), pulseErr);
      c.await("the failure alert", () -> Files.exists(alerts) && read(alerts).contains("shop@1"));
      String alert = read(alerts);
      assertTrue(
          alert.contains(
              "\"tests\":[{\"name\":\"positive\",\"severity\":\"error\","
                  + "\"origin\":\"tests/positive.sql\",\"rows\":1,\"columns\":[\"id\",\"day\"],"
                  + "\"sample\":[[\"-5\",\"c\"]],\"error\":null}"),
          alert);
      assertTrue(alert.contains("\"sample\":[[null,\"b\"]]"), alert);

      // 1.2.0 has no NULL id, and the negative id only warns now: it publishes, warning recorded.
      deployShop(
          c,
          "1.2.0",
          "SELECT * FROM (VALUES (1, 'a'), (-5, 'c')) t(id, day)\n",
          CHECKS + "[tests.positive]\nseverity = \"warn\"\n",
          "tests/positive.sql",
          POSITIVE);
      c.awaitStatus("shop@1", s -> s.state() != LineState.FAILED);
      LineStatus warned = pulse(c, "shop@1", failed.lastRun().id());
      assertEquals(RunOutcome.SUCCESS, warned.lastRun().outcome(), warned.toString());
      assertEquals(List.of("positive"), warned.lastRun().tests().warned());
      assertEquals(List.of(), warned.lastRun().tests().failed());
      assertEquals(DataTest.Severity.WARN, test(record(c, warned), "positive").severity());
      assertEquals(1, test(record(c, warned), "positive").rows());
      assertTrue(c.cli("query", "dev", "shop", "daily").ok().out().contains("-5"));
      status = c.cli("status", "dev", "shop").out();
      assertTrue(status.contains("tests: shop@1: warn: 1 test (positive); 1 passed"), status);
    }
  }

  @Test
  void aKillStopsASlowTestAndTheLineRunsAgainAfterAClear() throws Exception {
    Path gate = tmp.resolve("gate.csv");
    Files.writeString(gate, "a\n1\n");
    try (TestCatchment c = new TestCatchment(tmp.resolve("c"))) {
      c.start();
      deployShop(c, "1.0.0", "SELECT 1 AS id\n", "", "tests/slow.sql", slow(gate));
      LineStatus first = pulse(c, "shop@1", null);
      assertEquals(RunOutcome.SUCCESS, first.lastRun().outcome(), first.toString());
      deployShop(c, "1.1.0", "SELECT 2 AS id\n", "", "tests/slow.sql", slow(gate));
      Files.writeString(gate, "a\n1\n2\n");
      c.cli("pulse", "dev", "shop").ok();
      c.await("the slow test to start", () -> events(c, "tests_started") == 2, c::eventsTail);
      c.awaitStatus("shop@1", s -> s.state() == LineState.RUNNING); // kill reads status
      c.cli("kill", "dev", "shop").ok();
      LineStatus killed = c.awaitStatus("shop@1", s -> s.state() == LineState.KILLED);
      c.await("the test to stop", () -> events(c, "tests_abandoned") == 1, c::eventsTail);
      assertEquals(RunOutcome.KILLED, killed.lastRun().outcome());
      String rows = c.cli("query", "dev", "shop", "daily").ok().out();
      assertTrue(rows.contains("1") && !rows.contains("2"), rows);

      Files.writeString(gate, "a\n1\n");
      c.cli("clear", "dev", "shop").ok();
      c.awaitStatus("shop@1", s -> s.state() != LineState.KILLED);
      LineStatus again = pulse(c, "shop@1", killed.lastRun().id());
      assertEquals(RunOutcome.SUCCESS, again.lastRun().outcome(), again.toString());
      assertTrue(c.cli("query", "dev", "shop", "daily").ok().out().contains("2"));
    }
  }

  @Test
  void aRestartDuringTheTestsRunsThemAgainAndPublishesOnce() throws Exception {
    Path gate = tmp.resolve("gate.csv");
    Files.writeString(gate, "a\n1\n2\n");
    try (TestCatchment c = new TestCatchment(tmp.resolve("c"))) {
      c.start();
      deployShop(c, "1.0.0", "SELECT 7 AS id\n", "", "tests/slow.sql", slow(gate));
      c.cli("pulse", "dev", "shop").ok();
      c.await("the slow test to start", () -> events(c, "tests_started") == 1, c::eventsTail);
      c.stop();
      assertEquals(0, events(c, "run_published"));
      Files.writeString(gate, "a\n1\n");
      c.start();
      LineStatus done = ended(c, "shop@1", null);
      assertEquals(RunOutcome.SUCCESS, done.lastRun().outcome(), done.toString());
      assertEquals(2, events(c, "tests_started"));
      assertEquals(1, events(c, "run_published"));
      assertTrue(test(record(c, done), "slow").passed());
      assertTrue(c.cli("query", "dev", "shop", "daily").ok().out().contains("7"));
    }
  }

  @Test
  void testsPastTheDefaultTimeoutFailTheRun() throws Exception {
    Path gate = tmp.resolve("gate.csv");
    Files.writeString(gate, "a\n1\n2\n");
    try (TestCatchment c = new TestCatchment(tmp.resolve("c"))) {
      c.start();
      c.stop();
      Path config = c.layout().config();
      Files.writeString(config, Files.readString(config) + "default_timeout = \"2s\"\n");
      c.start();
      deployShop(c, "1.0.0", "SELECT 1 AS id\n", "", "tests/slow.sql", slow(gate));
      LineStatus failed = pulse(c, "shop@1", null);
      assertEquals(RunOutcome.FAILED, failed.lastRun().outcome(), failed.toString());
      assertEquals("data tests timed out after 2s", failed.error());
      assertEquals(0, events(c, "run_published"));
    }
  }
}
