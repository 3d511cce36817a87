package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.fs.Json;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long-poll of {@code /api/status} on the real daemon: it answers within a second of a run's
 * change, shows the running Ripples, and a stopping daemon lets waiting polls go.
 */
class LongPollIT {
  @TempDir Path tmp;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private Path gate;

  @AfterEach
  void openTheGate() throws Exception {
    if (gate != null) {
      Files.writeString(gate, "go");
    }
    threads.shutdownNow();
  }

  /**
   * Pond {@code slow}: SQL Ripple {@code quick} and command Ripple {@code hold}, which sleeps until
   * file {@code gate} exists.
   */
  static void deploySlow(TestCatchment c, Path gate) throws Exception {
    Projects.write(
        c.cd("slow"),
        "pond.toml",
        Projects.toml("slow", "1.0.0")
            + "[ripples.hold]\ncommand = [\"sh\", \"-c\", \"while [ ! -f '"
            + gate
            + "' ]; do sleep 0.2; done; echo 1 > $DUCKSTRING_OUT/v.txt\"]\n",
        "src/quick.sql",
        "SELECT 1 AS x");
    c.cli("deploy", "dev").ok();
  }

  @Test
  void aLongPollAnswersWithinASecondOfAChangeAndShowsTheRunningRipples() throws Exception {
    gate = tmp.resolve("gate");
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deploySlow(c, gate);
      c.await("slow@1's status", () -> c.status("slow@1") != null);
      Http http = new Http(c.httpPort());
      Thread.sleep(300); // let the deploy's writes settle
      Http.Answer first = http.get("/api/status");
      String v = first.header("X-Status-Version");
      assertNotNull(v);
      StatusReply body = Json.read(first.body(), StatusReply.class, "status");
      assertEquals(v, body.version());

      CompletableFuture<Long> answered =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  Http.Answer a = http.get("/api/status?since=" + v);
                  assertNotEquals(v, a.header("X-Status-Version"));
                  return System.nanoTime();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              threads);
      Thread.sleep(500);
      assertTrue(!answered.isDone(), "the long-poll waits while nothing changes");
      LineStatus before = c.status("slow@1");
      c.cli("pulse", "dev", "slow").ok();
      // When the test sees the status file change (it looks every 20 ms).
      c.await("slow@1 to change", () -> !Objects.equals(c.status("slow@1"), before));
      long changed = System.nanoTime();
      long at = answered.get(10, TimeUnit.SECONDS);
      long late = TimeUnit.NANOSECONDS.toMillis(at - changed);
      assertTrue(late < 1000, "answered " + late + " ms after the change");

      // The running run's Ripples, on the node and in the run record.
      c.await(
          "hold to run and quick to succeed",
          () -> {
            StatusReply s = status(http);
            StatusReply.Node n =
                s.nodes().stream().filter(x -> x.line().equals("slow@1")).findFirst().get();
            return n.run() != null
                && n.run().ripples().stream()
                    .anyMatch(r -> r.name().equals("hold") && r.state() == RunOutcome.RUNNING)
                && n.run().ripples().stream()
                    .anyMatch(r -> r.name().equals("quick") && r.state() == RunOutcome.SUCCESS);
          });
      StatusReply.Node n =
          status(http).nodes().stream().filter(x -> x.line().equals("slow@1")).findFirst().get();
      Http.Answer run = http.get("/api/ponds/slow/runs/" + n.run().id() + "?version=1");
      assertEquals(200, run.status(), run.body());
      RunReply r = Json.read(run.body(), RunReply.class, "run");
      assertEquals("slow@1", r.line());
      assertEquals(List.of("hold", "quick"), r.ripples().stream().sorted().toList());
      assertEquals(RunOutcome.RUNNING, r.run().state());
      assertEquals(1L, r.run().ripple("quick").rows());
      assertEquals(404, http.get("/api/ponds/slow/runs/20200101T000000.000000Z").status());

      // A waiting long-poll ends when the run ends.
      String now = http.get("/api/status").header("X-Status-Version");
      CompletableFuture<String> end =
          CompletableFuture.supplyAsync(() -> since(http, now), threads);
      Files.writeString(gate, "go");
      assertNotEquals(now, end.get(10, TimeUnit.SECONDS));
      c.awaitRuns("slow@1", 1);

      // A stopping daemon lets waiting long-polls go at once, not after 25 s.
      Thread.sleep(300);
      String idle = http.get("/api/status").header("X-Status-Version");
      CompletableFuture<String> held =
          CompletableFuture.supplyAsync(() -> since(http, idle), threads);
      Thread.sleep(300);
      assertTrue(!held.isDone());
      long stop = System.nanoTime();
      c.stop();
      held.handle((x, e) -> x).get(10, TimeUnit.SECONDS);
      long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stop);
      assertTrue(took < 10_000, "released " + took + " ms after the stop began");
    }
  }

  private static StatusReply status(Http http) {
    try {
      return Json.read(http.get("/api/status").body(), StatusReply.class, "status");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String since(Http http, String version) {
    try {
      return http.get("/api/status?since=" + version).header("X-Status-Version");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
