package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.RootChanges;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.fs.Json;
import dev.duckstring.model.LineId;
import dev.duckstring.runner.QueryOptions;
import dev.duckstring.runner.QueryService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/status?since=}: waits for a change, ends after its wait, caps its waiters. */
class LongPollTest {
  @TempDir Path root;
  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  private Router router(RootChanges changes, Duration wait, StatusPolls[] watch) throws Exception {
    Files.writeString(root.resolve("catchment.toml"), "name = \"dev\"\n");
    watch[0] = new StatusPolls(changes, wait);
    return new Router(
        new CatchmentLayout(root),
        "dev",
        Clock.systemUTC(),
        new QueryService(QueryOptions.lockedDown(Duration.ofSeconds(5))),
        watch[0]);
  }

  private static String version(Reply r) {
    assertEquals(200, r.status(), r::text);
    String v = r.headers().get("X-Status-Version");
    StatusReply body = Json.read(r.text(), StatusReply.class, "status");
    assertEquals(v, body.version(), "body and header");
    return v;
  }

  private static Reply poll(Router r, String since) {
    return r.handle(Request.get("/api/status", since == null ? Map.of() : Map.of("since", since)));
  }

  @Test
  void everyAnswerCarriesTheVersionAndAnOtherVersionAnswersAtOnce() throws Exception {
    RootChanges changes = new RootChanges("t");
    Router r = router(changes, Duration.ofSeconds(20), new StatusPolls[1]);
    String v = version(poll(r, null));
    assertEquals("t-0", v);
    long t0 = System.nanoTime();
    assertEquals(v, version(poll(r, "older-3")));
    changes.changed();
    assertEquals("t-1", version(poll(r, v)));
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "answered at once");
  }

  @Test
  void aLongPollAnswersSoonAfterAStatusOrRunWrite() throws Exception {
    // The root's own counter, bumped by StatusStore and RunRecords writes in this process.
    RootChanges changes = RootChanges.of(new CatchmentLayout(root));
    Router r = router(changes, Duration.ofSeconds(20), new StatusPolls[1]);
    String v = version(poll(r, null));
    CompletableFuture<String> waiting =
        CompletableFuture.supplyAsync(() -> version(poll(r, v)), threads);
    Thread.sleep(300);
    assertTrue(!waiting.isDone(), "waits while nothing changed");
    long changed = System.nanoTime();
    LineId line = new LineId("p", 1);
    Instant now = Instant.now();
    new RunRecords(new CatchmentLayout(root))
        .write(line, RunRecord.started(line, "1.0.0", now, now));
    String next = waiting.get(5, TimeUnit.SECONDS);
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changed);
    assertNotEquals(v, next);
    assertTrue(took < 1000, "answered " + took + " ms after the change");
  }

  @Test
  void withoutAChangeItAnswersTheSameVersionAfterItsWait() throws Exception {
    Router r = router(new RootChanges("t"), Duration.ofMillis(600), new StatusPolls[1]);
    String v = version(poll(r, null));
    long t0 = System.nanoTime();
    assertEquals(v, version(poll(r, v)));
    long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    assertTrue(took >= 550 && took < 3000, "waited " + took + " ms");
  }

  @Test
  void atMostEightWaitAndClosingTheViewLetsThemGo() throws Exception {
    StatusPolls[] watch = new StatusPolls[1];
    Router r = router(new RootChanges("t"), Duration.ofSeconds(60), watch);
    String v = version(poll(r, null));
    List<CompletableFuture<String>> waiting = new ArrayList<>();
    for (int i = 0; i < StatusPolls.MAX_WAITING; i++) {
      waiting.add(CompletableFuture.supplyAsync(() -> version(poll(r, v)), threads));
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (watch[0].waiting() < StatusPolls.MAX_WAITING && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals(StatusPolls.MAX_WAITING, watch[0].waiting());
    long t0 = System.nanoTime();
    assertEquals(v, version(poll(r, v)), "the ninth answers at once");
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2));
    watch[0].close();
    for (CompletableFuture<String> w : waiting) {
      assertEquals(v, w.get(2, TimeUnit.SECONDS));
    }
    assertEquals(0, watch[0].waiting());
  }

  @Test
  void anUnknownPondOrRunIs404() throws Exception {
    Router r = router(new RootChanges("t"), Duration.ZERO, new StatusPolls[1]);
    assertEquals(404, r.handle(Request.get("/api/ponds/nope/runs/x", Map.of())).status());
  }
}
