package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Yank and roll back (issue 12, item 2; decision 45) on the real daemon: a yanked version is not
 * run, its line falls back to the highest version of its major that is not yanked and runs that
 * code for real at the next pulse; unyank restores; a line whose every version is yanked is idle
 * and its Sink blocked; a YANKED file written by hand works like the CLI; deploy refuses a yanked
 * version.
 */
class YankIT {
  @TempDir Path tmp;

  /** Deploys feed {@code version} with one Ripple {@code t}: {@code SELECT <x> AS x}. */
  private static void deployFeed(TestCatchment c, String version, int x, String... flags)
      throws Exception {
    Projects.write(
        c.cd("feed-" + version),
        "pond.toml",
        Projects.toml("feed", version),
        "src/t.sql",
        "SELECT " + x + " AS x\n");
    c.cli(concat(List.of("deploy", "dev"), flags)).ok();
  }

  private static String[] concat(List<String> a, String... b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(List.of(b));
    return all.toArray(new String[0]);
  }

  /** The body of a GET of the daemon's HTTP view. */
  private static String get(TestCatchment c, String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(c.httpUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    return r.body();
  }

  /** The published x of feed. */
  private static String x(TestCatchment c) {
    String out = c.cli("query", "dev", "feed", "t", "--sql", "SELECT x FROM t").ok().out();
    return out.strip().lines().reduce((a, b) -> b).orElse("").strip();
  }

  /** Pulses feed and waits for a run after {@code before} to end; returns its status. */
  private static LineStatus pulse(TestCatchment c, LineStatus before) {
    c.cli("pulse", "dev", "feed").ok();
    String last = before == null || before.lastRun() == null ? null : before.lastRun().id();
    return c.awaitStatus(
        "feed@1",
        s ->
            s.lastRun() != null
                && !s.lastRun().id().equals(last)
                && s.lastRun().outcome() != RunOutcome.RUNNING
                && s.runsInFlight() == 0);
  }

  @Test
  void aYankFallsBackToTheOlderCodeForRealAndUnyankRestores() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deployFeed(c, "1.0.0", 1);
      LineStatus s = pulse(c, null);
      deployFeed(c, "1.1.0", 2);
      c.awaitStatus("feed@1", st -> "1.1.0".equals(st.version()));
      s = pulse(c, s);
      assertEquals(RunOutcome.SUCCESS, s.lastRun().outcome());
      assertEquals("2", x(c));

      String out = c.cli("yank", "dev", "feed", "1.1.0", "--reason", "bad join").ok().out();
      assertTrue(out.contains("yanked feed 1.1.0 (\"bad join\"): feed@1 runs 1.0.0"), out);
      Path mark = c.root().resolve("ponds/feed/versions/1.1.0/YANKED");
      assertTrue(Files.readString(mark).contains("reason = \"bad join\""));
      LineStatus back = c.awaitStatus("feed@1", st -> "1.0.0".equals(st.version()));
      assertEquals(List.of("1.1.0"), back.yankedVersions());
      assertTrue(back.codePending(), back.toString());
      assertNull(back.error(), "a yank is not tampering: " + back);
      String status = c.cli("status", "dev", "--all").ok().out();
      assertTrue(status.contains("feed@1  1.1.0 (1.0.0 pending, 1.1.0 yanked)"), status);
      c.await("version_yanked journaled", () -> c.eventsTail().contains("\"version_yanked\""));
      assertTrue(c.eventsTail().contains("\"reason\":\"bad join\""), c.eventsTail());
      assertTrue(c.eventsTail().contains("\"runs\":\"1.0.0\""), c.eventsTail());

      s = pulse(c, s);
      assertEquals(RunOutcome.SUCCESS, s.lastRun().outcome(), "a real run, not a pass: " + s);
      assertEquals("1", x(c), "1.0.0's output is published again");
      assertEquals("1.0.0", s.publishedVersion());
      status = c.cli("status", "dev", "--all").ok().out();
      assertTrue(status.contains("feed@1  1.0.0 (1.1.0 yanked)"), status);
      String api = c.cli("status", "dev", "--all", "--json").ok().out();
      assertTrue(api.replaceAll("\\s+", "").contains("\"yanked\":[\"1.1.0\"]"), api);
      String pond = get(c, "/api/ponds/feed").replaceAll("\\s+", "");
      assertTrue(pond.contains("\"versions\":[\"1.0.0\",\"1.1.0\"]"), pond);
      assertTrue(pond.endsWith("\"yanked\":[\"1.1.0\"]}"), pond);

      out = c.cli("unyank", "dev", "feed", "1.1.0").ok().out();
      assertTrue(out.contains("unyanked feed 1.1.0: feed@1 runs 1.1.0"), out);
      assertTrue(Files.notExists(mark));
      c.awaitStatus("feed@1", st -> "1.1.0".equals(st.version()));
      c.await("version_unyanked journaled", () -> c.eventsTail().contains("version_unyanked"));
      s = pulse(c, s);
      assertEquals(RunOutcome.SUCCESS, s.lastRun().outcome(), s.toString());
      assertEquals("2", x(c), "1.1.0's output again");
      assertEquals(List.of(), s.yankedVersions());
    }
  }

  @Test
  void aFallbackRollsTheSchemaContractBackSoTheOlderCodeIsNotRefused() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deployFeed(c, "1.0.0", 1);
      LineStatus s = pulse(c, null);
      Projects.write(
          c.cd("feed-1.1.0"),
          "pond.toml",
          Projects.toml("feed", "1.1.0"),
          "src/t.sql",
          "SELECT 2 AS x, 'north' AS region\n");
      c.cli("deploy", "dev").ok();
      c.awaitStatus("feed@1", st -> "1.1.0".equals(st.version()));
      s = pulse(c, s);
      assertEquals(RunOutcome.SUCCESS, s.lastRun().outcome(), s.toString());
      Path contract = c.root().resolve("ponds/feed/m1/contract.json");
      assertTrue(Files.readString(contract).contains("\"region\""), "1.1.0 extended the contract");

      c.cli("yank", "dev", "feed", "1.1.0").ok();
      c.awaitStatus("feed@1", st -> "1.0.0".equals(st.version()));
      s = pulse(c, s);
      assertEquals(
          RunOutcome.SUCCESS, s.lastRun().outcome(), "1.0.0 does not owe 1.1.0's region: " + s);
      assertEquals("1", x(c));
      assertTrue(
          !Files.readString(contract).contains("\"region\""),
          "the rollback left what the yanked version added: " + Files.readString(contract));

      c.cli("unyank", "dev", "feed", "1.1.0").ok();
      c.awaitStatus("feed@1", st -> "1.1.0".equals(st.version()));
      s = pulse(c, s);
      assertEquals(RunOutcome.SUCCESS, s.lastRun().outcome(), s.toString());
      assertEquals("2", x(c));
    }
  }

  @Test
  void everyVersionYankedLeavesTheLineIdleAndItsSinkBlockedAndDeployRefusesIt() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deployFeed(c, "1.0.0", 1);
      Projects.write(
          c.cd("sink"),
          "pond.toml",
          Projects.toml("sink", "1.0.0", "feed = \"1.0.0\""),
          "src/s.sql",
          "SELECT x FROM feed.t\n");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "sink").ok();
      c.awaitRuns("sink@1", 1);

      // By hand, as cron or a shell would: echo 'reason = "bad join"' > .../YANKED
      Path mark = c.root().resolve("ponds/feed/versions/1.0.0/YANKED");
      Files.writeString(mark, "reason = \"bad join\"\n");
      LineStatus feed = c.awaitStatus("feed@1", st -> st.yankedVersions().contains("1.0.0"));
      assertEquals(LineState.IDLE, feed.state());
      assertNull(feed.version());
      assertEquals(
          "every version of feed@1 is yanked (1.0.0); unyank one or deploy a new version",
          feed.error());
      assertEquals("1.0.0", feed.publishedVersion(), "its data stays");
      LineStatus sink = c.awaitStatus("sink@1", st -> st.state() == LineState.BLOCKED);
      assertTrue(
          sink.error().startsWith("missing source feed@1: every version of feed@1 is yanked"),
          sink.toString());
      String status = c.cli("status", "dev", "--all").exits(1).out();
      assertTrue(status.contains("feed@1  - (1.0.0 yanked)  idle"), status);
      var pulse = c.cli("pulse", "dev", "feed");
      assertEquals(1, pulse.code(), pulse.toString());
      assertTrue(pulse.err().contains("feed@1 runs nothing: every version of feed@1"), pulse.err());
      Files.writeString(c.root().resolve("ponds/feed/signals/pulse"), "");
      c.await(
          "a dropped pulse rejected with the reason",
          () ->
              c.eventsTail().contains("\"signal_rejected\"")
                  && c.eventsTail().contains("every version of feed@1 is yanked"));
      assertEquals("1", x(c), "the published data can still be read");

      String before = Projects.tree(c.root().resolve("ponds/feed"));
      var same = c.cli("deploy", "dev", "--project", c.base().resolve("feed-1.0.0").toString());
      assertEquals(1, same.code(), same.toString());
      assertEquals(
          "duckstring deploy: feed 1.0.0 is yanked (\"bad join\"); deploying it again does not"
              + " run it: to run it again, 'duckstring unyank dev feed 1.0.0'\n",
          same.err());
      Projects.write(c.cwd(), "src/t.sql", "SELECT 3 AS x\n");
      Projects.write(c.cd("feed-1.0.0"), "src/t.sql", "SELECT 3 AS x\n");
      for (String force : new String[] {"--project", "--force"}) {
        var other =
            force.equals("--force") ? c.cli("deploy", "dev", "--force") : c.cli("deploy", "dev");
        assertEquals(1, other.code(), other.toString());
        assertTrue(other.err().contains("other content under its number"), other.err());
        assertTrue(other.err().contains("bump 'pond.version'"), other.err());
      }
      assertEquals(before, Projects.tree(c.root().resolve("ponds/feed")), "nothing changed");

      // A restart keeps the idle line's freshness and the version that made its data.
      c.stop();
      Instant restarted = Instant.now();
      c.start();
      LineStatus again =
          c.awaitStatus(
              "feed@1", st -> st.updatedAt() != null && st.updatedAt().isAfter(restarted));
      assertEquals(feed.error(), again.error());
      assertEquals("1.0.0", again.publishedVersion(), again.toString());
      assertEquals(feed.endF(), again.endF());

      // An empty file yanks too; removing it by hand unyanks.
      Files.writeString(mark, "");
      Files.delete(mark);
      c.awaitStatus("feed@1", st -> "1.0.0".equals(st.version()) && st.error() == null);
      c.awaitStatus("sink@1", st -> st.state() != LineState.BLOCKED);
      deployFeed(c, "1.1.0", 2);
      Files.writeString(c.root().resolve("ponds/feed/versions/1.1.0/YANKED"), "");
      LineStatus fallback =
          c.awaitStatus(
              "feed@1",
              st -> st.yankedVersions().equals(List.of("1.1.0")) && "1.0.0".equals(st.version()));
      assertEquals("1.0.0", fallback.version(), "an empty YANKED file yanks");
    }
  }

  @Test
  void badInputsSayOneLineAndChangeNothing() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deployFeed(c, "1.0.0", 1);
      c.cli("yank", "dev", "feed", "1.0.0").ok();
      String before = Projects.tree(c.root().resolve("ponds/feed/versions"));
      String[][] bad = {
        {"yank", "dev", "nope", "1.0.0"},
        {"yank", "dev", "feed", "9.9.9"},
        {"yank", "dev", "feed", "1.x"},
        {"yank", "dev", "feed", "1.0.0"},
        {"unyank", "dev", "feed", "1.2.0"},
      };
      String[] said = {
        "unknown pond 'nope'",
        "pond 'feed' has no deployed version 9.9.9 (deployed: [1.0.0])",
        "VERSION '1.x' is not a semantic version",
        "feed 1.0.0 is already yanked (ponds/feed/versions/1.0.0/YANKED)",
        "pond 'feed' has no deployed version 1.2.0",
      };
      for (int i = 0; i < bad.length; i++) {
        var r = c.cli(bad[i]);
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(said[i]), r.err());
      }
      c.cli("unyank", "dev", "feed", "1.0.0").ok();
      var notYanked = c.cli("unyank", "dev", "feed", "1.0.0");
      assertEquals(1, notYanked.code());
      assertEquals("duckstring unyank: feed 1.0.0 is not yanked (yanked: [])\n", notYanked.err());
      c.cli("yank", "dev", "feed", "1.0.0").ok();
      assertEquals(before, Projects.tree(c.root().resolve("ponds/feed/versions")));
      assertEquals(2, c.cli("yank", "dev", "feed").code(), "usage");
      assertTrue(c.cli("yank", "--help").ok().out().contains("--reason"));
      assertTrue(c.cli("unyank", "--help").ok().out().contains("usage: duckstring unyank"));
    }
  }
}
