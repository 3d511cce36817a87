package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.fs.Json;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /api/query} SQL runs outside the daemon: a burst of memory-hungry queries against a real
 * daemon (in this JVM) leaves this JVM's peak RSS nearly unchanged, a killed query worker is a
 * prompt 503 and is restarted for the next query, Ponds keep running, and no worker outlives the
 * daemon.
 */
class QueryMemoryIT {
  /** How much the daemon's peak RSS may grow while the queries run (documented in docs/http.md). */
  private static final long ALLOWED_GROWTH_KB = 300 * 1024;

  /**
   * Queries that need gigabytes in-process: huge strings per batch, a 1 GB list, a 5 GB string_agg.
   */
  private static final List<String> HUNGRY =
      List.of(
          "SELECT repeat('x', 10000000) FROM range(5000)",
          "SELECT length(list(repeat('x', 10000000))::VARCHAR) AS n FROM range(500)",
          "SELECT repeat('x', 10000000) FROM range(5000)",
          "SELECT length(string_agg(repeat('x', 10000000), '')) AS n FROM range(500)");

  @TempDir Path tmp;

  @Test
  void hungryQueriesDoNotGrowTheDaemonAndAKilledWorkerIsRestarted() throws Exception {
    List<Long> workers;
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.cli("pulse", "dev", "outlet").ok();
      c.awaitRuns("outlet@1", 1);
      int port = c.httpPort();
      assertOk(port, "SELECT 42 AS answer", "42"); // the worker (or in-process DuckDB) is warm

      Files.writeString(Path.of("/proc/self/clear_refs"), "5"); // resets VmHWM to the current RSS
      long before = status("VmHWM");
      long runsBefore = c.status("outlet@1").runsCompleted();
      c.cli("pulse", "dev", "outlet").ok();
      ExecutorService burst = Executors.newFixedThreadPool(HUNGRY.size());
      try {
        for (int round = 0; round < 2; round++) {
          List<Future<HttpBoundsIT.Answer>> answers = new ArrayList<>();
          for (String sql : HUNGRY) {
            answers.add(burst.submit(() -> HttpBoundsIT.raw(port, "GET", path(sql), "")));
          }
          for (Future<HttpBoundsIT.Answer> f : answers) {
            HttpBoundsIT.Answer a = f.get();
            // Answered (rows cut by the budget, or DuckDB's out-of-memory error), or refused for
            // load.
            assertTrue(
                a.status() == 200 || a.status() == 400 || a.status() == 503,
                a.status() + " " + a.body());
          }
        }
      } finally {
        burst.shutdownNow();
      }
      long peak = status("VmHWM");
      System.out.printf(
          "QueryMemoryIT: daemon peak RSS %d MiB -> %d MiB%n", before >> 10, peak >> 10);
      assertTrue(
          peak - before < ALLOWED_GROWTH_KB,
          "the daemon's peak RSS grew by " + ((peak - before) >> 10) + " MiB under hungry queries");
      assertOk(port, "SELECT 42 AS answer", "42");
      c.awaitRuns("outlet@1", runsBefore + 1); // the pulse issued under load completed

      // A worker killed mid-query: a prompt 503 naming the worker, and the next query works.
      workers = workerPids();
      assertFalse(workers.isEmpty(), "query workers run as child processes");
      ExecutorService one = Executors.newSingleThreadExecutor();
      try {
        Future<HttpBoundsIT.Answer> slow =
            one.submit(
                () ->
                    HttpBoundsIT.raw(
                        port, "GET", path("SELECT count(*) FROM range(100000000000)"), ""));
        Thread.sleep(1500);
        for (long pid : workerPids()) {
          ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        HttpBoundsIT.Answer killed = slow.get();
        assertEquals(503, killed.status(), killed.body());
        assertTrue(killed.body().contains("query worker"), killed.body());
      } finally {
        one.shutdownNow();
      }
      assertOk(port, "SELECT 42 AS answer", "42");
      workers = workerPids();
      assertFalse(workers.isEmpty());
    }
    for (long pid : workers) {
      assertFalse(
          ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "worker " + pid + " outlived the daemon");
    }
    assertEquals(List.of(), workerPids(), "no query worker runs after the daemon stopped");
  }

  private static void assertOk(int port, String sql, String value) throws IOException {
    HttpBoundsIT.Answer a = HttpBoundsIT.raw(port, "GET", path(sql), "");
    assertEquals(200, a.status(), a.body());
    QueryReply q = Json.read(a.body(), QueryReply.class, "query");
    assertEquals(value, q.rows().get(0).get(0));
  }

  private static String path(String sql) {
    return "/api/query?pond=outlet&limit=1000&sql=" + Http.enc(sql);
  }

  /** This JVM's query workers (children running the worker main). */
  private static List<Long> workerPids() {
    return ProcessHandle.current()
        .children()
        .filter(p -> cmdline(p.pid()).contains("QueryWorker"))
        .map(ProcessHandle::pid)
        .toList();
  }

  private static String cmdline(long pid) {
    try {
      return new String(
          Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return ""; // already gone
    }
  }

  /** A {@code kB} figure of this process from /proc/self/status. */
  private static long status(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException(field + " not in /proc/self/status");
  }
}
