package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpServer;
import dev.duckstring.model.LineState;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alert rules on the real daemon: a command and a real HTTP receiver are told {@code failed} then
 * {@code recovered}, once per incident; {@code stale} fires past a Pond's SLA; a hanging or failing
 * webhook never delays a run and is journaled; rules are re-read while the daemon runs, and a bad
 * edit keeps the rules in force.
 */
class AlertsIT {
  @TempDir Path tmp;
  private final List<HttpServer> servers = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void stopReceivers() {
    release.countDown();
    servers.forEach(s -> s.stop(0));
  }

  /** A local webhook: records each body; answers {@code codes} in turn (then 200), -1 = hang. */
  private record Receiver(String url, List<String> bodies) {}

  private Receiver receiver(int... codes) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger n = new AtomicInteger();
    server.createContext(
        "/hook",
        ex -> {
          bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          int i = n.getAndIncrement();
          int code = i < codes.length ? codes[i] : 200;
          if (code == -1) {
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          ex.sendResponseHeaders(code == -1 ? 200 : code, -1);
          ex.close();
        });
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
    servers.add(server);
    return new Receiver("http://127.0.0.1:" + server.getAddress().getPort() + "/hook", bodies);
  }

  private static String commandRule(Path file, String on) {
    return "[[alerts]]\non = " + on + "\ncommand = [\"sh\", \"-c\", \"cat >> '" + file + "'\"]\n";
  }

  private static String urlRule(String url, String on, String more) {
    return "[[alerts]]\non = " + on + "\nurl = \"" + url + "\"\n" + more;
  }

  /** A Pond whose one command Ripple fails until {@code flag} exists. */
  private static void flaky(TestCatchment c, Path flag) throws IOException {
    Projects.write(
        c.cd("flaky"),
        "pond.toml",
        Projects.toml("flaky", "1.0.0")
            + "[ripples.check]\ncommand = [\"sh\", \"-c\", \"test -f '"
            + flag
            + "' || { echo no flag >&2; exit 3; }\"]\n");
  }

  /** Replaces catchment.toml as an editor that saves by rename does. */
  private static void config(TestCatchment c, String text) throws IOException {
    Path next = c.root().resolve("catchment.toml.new");
    Files.writeString(next, "name = \"dev\"\n" + text);
    Files.move(next, c.layout().config(), StandardCopyOption.ATOMIC_MOVE);
  }

  private static List<Map<String, Object>> alerts(Path file) {
    try {
      if (!Files.exists(file)) {
        return List.of();
      }
      List<Map<String, Object>> out = new ArrayList<>();
      for (String l : Files.readAllLines(file)) {
        if (!l.isBlank()) {
          out.add(parse(l));
        }
      }
      return out;
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The first stale alert about published data. */
  private static Map<String, Object> published(Path file) {
    return alerts(file).stream()
        .filter(a -> "stale".equals(a.get("event")) && a.get("data_at") != null)
        .findFirst()
        .orElse(null);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) {
    return new Gson().fromJson(json, Map.class);
  }

  private static long count(TestCatchment c, String needle) throws IOException {
    return Files.readAllLines(c.layout().eventsLog()).stream()
        .filter(l -> l.contains(needle))
        .count();
  }

  @Test
  void aCommandAndAWebhookAreToldFailedThenRecoveredOncePerIncident() throws Exception {
    Path file = tmp.resolve("alerts.jsonl");
    Path flag = tmp.resolve("flag");
    Receiver hook = receiver();
    try (TestCatchment c = new TestCatchment(tmp.resolve("c"))) {
      c.start();
      c.stop();
      String on = "[\"failed\", \"recovered\"]";
      config(c, commandRule(file, on) + urlRule(hook.url(), on, ""));
      c.start();
      flaky(c, flag);
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "flaky").ok();
      c.awaitStatus("flaky@1", s -> s.state() == LineState.FAILED);
      c.await("the failed alert", () -> alerts(file).size() == 1 && hook.bodies().size() == 1);
      Map<String, Object> failed = alerts(file).get(0);
      Map<String, Object> posted = parse(hook.bodies().get(0));
      assertNotEquals(failed.remove("rule"), posted.remove("rule"), "two rules");
      assertEquals(failed, posted, "the same object both ways");
      assertEquals("dev", failed.get("catchment"));
      assertEquals("flaky", failed.get("pond"));
      assertEquals("flaky@1", failed.get("line"));
      assertEquals("1.0.0", failed.get("version"));
      assertEquals("failed", failed.get("event"));
      assertTrue(String.valueOf(failed.get("error")).contains("no flag"), failed.toString());
      assertNotNull(failed.get("run"));
      assertNotNull(failed.get("time"));
      assertNotNull(failed.get("since"));
      assertTrue(failed.containsKey("data_age_s"), failed.toString());
      assertEquals(0.0, failed.get("repeat"));

      Files.writeString(flag, "");
      c.cli("force", "dev", "flaky").ok();
      c.await(
          "the recovered alert",
          () -> alerts(file).size() == 2 && hook.bodies().size() == 2,
          () -> alerts(file) + " " + hook.bodies() + "\n" + c.eventsTail());
      Map<String, Object> back = alerts(file).get(1);
      assertEquals("recovered", back.get("event"));
      assertEquals("failed", back.get("incident"));
      assertEquals(failed.get("since"), back.get("since"));
      Map<String, Object> postedBack = parse(hook.bodies().get(1));
      postedBack.remove("rule");
      back.remove("rule");
      assertEquals(postedBack, back);
      c.awaitStatus("flaky@1", s -> s.state() == LineState.IDLE && s.runsCompleted() >= 1);
      Thread.sleep(3000); // several scans later: still once per incident
      assertEquals(2, alerts(file).size());
      assertEquals(2, hook.bodies().size());
      assertEquals(4, count(c, "\"event\":\"alert_sent\""), c.eventsTail());
      assertTrue(Files.readString(c.layout().alertState()).contains("\"incidents\": []"));
    }
  }

  @Test
  void aRestartNeitherTellsAnOpenIncidentAgainNorForgetsIt() throws Exception {
    Path file = tmp.resolve("alerts.jsonl");
    Path flag = tmp.resolve("flag");
    try (TestCatchment c = new TestCatchment(tmp.resolve("c"))) {
      c.start();
      c.stop();
      config(c, commandRule(file, "[\"failed\", \"recovered\"]"));
      c.start();
      flaky(c, flag);
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "flaky").ok();
      c.await("the failed alert", () -> alerts(file).size() == 1, c::eventsTail);
      c.stop();
      assertTrue(Files.readString(c.layout().alertState()).contains("\"event\": \"failed\""));
      c.start();
      Thread.sleep(3000); // several scans of the restarted daemon
      assertEquals(1, alerts(file).size(), "told again after a restart: " + alerts(file));
      c.stop();
      c.cli("clear", "dev", "flaky").ok(); // applied by the next daemon
      c.start();
      c.await(
          "the recovered alert after the restart",
          () -> alerts(file).size() == 2 && "recovered".equals(alerts(file).get(1).get("event")),
          () -> alerts(file) + "\n" + c.eventsTail());
    }
  }

  @Test
  void staleFiresForAPondWithATwoSecondSlaAndRecoversWithFreshData() throws Exception {
    Path file = tmp.resolve("alerts.jsonl");
    try (TestCatchment c = new TestCatchment(tmp.resolve("c"))) {
      c.start();
      c.stop();
      config(c, commandRule(file, "[\"stale\", \"recovered\"]"));
      c.start();
      Projects.write(
          c.cd("fresh"),
          "pond.toml",
          Projects.toml("fresh", "1.0.0") + "sla = \"2s\"\n",
          "src/t.sql",
          "SELECT 1 AS x");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "fresh").ok();
      c.awaitRuns("fresh@1", 1);
      // (before its first run, the line's age counted from its deploy may pass 2s too)
      c.await("the stale alert", () -> published(file) != null, c::eventsTail);
      Map<String, Object> stale = published(file);
      assertEquals("stale", stale.get("event"));
      assertEquals("2s", stale.get("sla"));
      assertTrue(((Double) stale.get("data_age_s")) >= 2, stale.toString());
      assertNotNull(stale.get("data_at"));
      int before = alerts(file).size();
      c.cli("pulse", "dev", "fresh").ok();
      c.await(
          "the recovered alert",
          () ->
              alerts(file).stream().skip(before).anyMatch(a -> "recovered".equals(a.get("event"))),
          () -> alerts(file).toString());
    }
  }

  @Test
  void aHangingWebhookDoesNotDelayTheNextRunAndItsFailureIsJournaled() throws Exception {
    Path flag = tmp.resolve("flag");
    Receiver hang = receiver(-1, -1, -1);
    try (TestCatchment c = new TestCatchment(tmp.resolve("c"))) {
      c.start();
      c.stop();
      config(c, urlRule(hang.url(), "[\"failed\"]", "timeout = \"6s\"\nretries = 0\n"));
      c.start();
      flaky(c, flag);
      c.cli("deploy", "dev").ok();
      Projects.write(
          c.cd("other"),
          "pond.toml",
          Projects.toml("other", "1.0.0"),
          "src/t.sql",
          "SELECT 1 AS x");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "flaky").ok();
      c.awaitStatus("flaky@1", s -> s.state() == LineState.FAILED);
      c.await("the webhook to be called", () -> hang.bodies().size() == 1);
      long t0 = System.nanoTime();
      c.cli("pulse", "dev", "other").ok();
      c.awaitRuns("other@1", 1);
      Duration took = Duration.ofNanos(System.nanoTime() - t0);
      assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, "the run took " + took);
      assertEquals(0, count(c, "alert_failed"), "the webhook still hangs: " + c.eventsTail());
      c.await(
          "the failed delivery to be journaled",
          () -> {
            try {
              return count(c, "\"event\":\"alert_failed\"") == 1;
            } catch (IOException e) {
              return false;
            }
          },
          c::eventsTail);
      assertTrue(c.eventsTail().contains("no answer within 6s"), c.eventsTail());
    }
  }

  @Test
  void aWebhookAnswering500IsRetriedAndEachFailureJournaled() throws Exception {
    Path flag = tmp.resolve("flag");
    Receiver flaky500 = receiver(500, 500);
    try (TestCatchment c = new TestCatchment(tmp.resolve("c"))) {
      c.start();
      c.stop();
      config(c, urlRule(flaky500.url(), "[\"failed\"]", "retries = 3\n"));
      c.start();
      flaky(c, flag);
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "flaky").ok();
      c.await(
          "the third attempt to be delivered",
          () -> {
            try {
              return count(c, "\"event\":\"alert_sent\"") == 1;
            } catch (IOException e) {
              return false;
            }
          },
          c::eventsTail);
      assertEquals(3, flaky500.bodies().size());
      assertEquals(2, count(c, "\"error\":\"HTTP 500\",\"retrying\":true"), c.eventsTail());
      assertEquals(1, count(c, "\"event\":\"alert_sent\",\"line\":\"flaky@1\""), c.eventsTail());
      assertEquals(flaky500.bodies().get(0), flaky500.bodies().get(2), "the same alert");
    }
  }

  @Test
  void rulesAreReadAgainWhenTheFileChangesAndABadEditKeepsTheRulesInForce() throws Exception {
    Path first = tmp.resolve("first.jsonl");
    Path second = tmp.resolve("second.jsonl");
    Path flag = tmp.resolve("flag");
    try (TestCatchment c = new TestCatchment(tmp.resolve("c"))) {
      c.start();
      c.stop();
      config(c, commandRule(first, "[\"failed\"]"));
      c.start();
      flaky(c, flag);
      c.cli("deploy", "dev").ok();
      config(c, commandRule(second, "[\"failed\"]"));
      c.await("the new rules", () -> c.eventsTail().contains("alerts_loaded"), c::eventsTail);
      config(c, commandRule(first, "[\"faild\"]"));
      c.await("the bad edit", () -> c.eventsTail().contains("alerts_rejected"), c::eventsTail);
      String line =
          c.eventsTail().lines().filter(l -> l.contains("alerts_rejected")).findFirst().get();
      assertTrue(
          line.contains("catchment.toml:3:7: error: 'alerts[1].on' has unknown event 'faild'"),
          line);
      c.await(
          "the warning in the daemon's output",
          () -> c.daemonOutput().contains("warning: " + c.layout().config() + ":3:7"),
          c::daemonOutput);
      c.cli("pulse", "dev", "flaky").ok();
      c.awaitStatus("flaky@1", s -> s.state() == LineState.FAILED);
      c.await("the alert under the rules in force", () -> alerts(second).size() == 1);
      assertFalse(Files.exists(first), "the refused rule is not used");
    }
  }

  @Test
  void aMalformedRuleRefusesTheStartAndABadSlaRefusesTheDeploy() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp.resolve("c"))) {
      c.start();
      c.stop();
      config(c, "[[alerts]]\non = [\"failed\"]\nurl = \"ftp://x/y\"\n");
      TestCatchment.Result r =
          c.cli("catchment", "start", "--name", "dev", "--root", c.root().toString());
      assertNotEquals(0, r.code());
      assertEquals(
          "duckstring catchment start: "
              + c.layout().config()
              + ":4:1: error: 'alerts[1].url' = \"ftp://x/y\" is not an http(s) URL",
          r.err().strip());
      config(c, "");
      c.start();
      Projects.write(
          c.cd("late"),
          "pond.toml",
          Projects.toml("late", "1.0.0") + "sla = \"6x\"\n",
          "src/t.sql",
          "SELECT 1 AS x");
      TestCatchment.Result d = c.cli("deploy", "dev");
      assertEquals(1, d.code());
      assertTrue(
          d.err().contains("pond.toml:4:1: error: 'pond.sla' = \"6x\" is not a duration"), d.err());
      assertFalse(Files.exists(c.root().resolve("ponds/late")), "nothing deployed");
    }
  }
}
