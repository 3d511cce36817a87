package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Queries in real worker processes: results and SQL errors come back as in-process, the lockdown
 * holds, a worker that cannot live under its memory limit is a {@link QueryWorkerFailure}, and
 * closing stops every worker.
 */
class QueryWorkersTest {
  private static final DuckDbOptions DUCK =
      DuckDbOptions.defaults().withThreads(2).withMemoryLimit("1GB");

  @TempDir Path dir;

  @Test
  void answersLikeTheLockedDownServiceAndStopsItsWorkersOnClose() throws Exception {
    Path gen = dir.resolve("g1");
    TestDuck.parquet(gen.resolve("orders/orders.parquet"), "SELECT range AS id FROM range(3)");
    List<Long> pids;
    try (QueryWorkers workers = workers(2, 2L << 30)) {
      QueryResult r =
          workers.query(
              "shop", gen, "SELECT id, NULL AS n FROM shop.orders ORDER BY id", 2, 1 << 20);
      assertEquals(List.of("id", "n"), r.columns());
      assertEquals(List.of(Arrays.asList("0", null), Arrays.asList("1", null)), r.rows());
      assertTrue(r.truncated());
      DuckstringException sql =
          assertThrows(
              DuckstringException.class,
              () -> workers.query("shop", gen, "SELECT nope", 1, 1 << 20));
      assertFalse(sql instanceof QueryWorkerFailure, sql.getMessage());
      assertTrue(sql.getMessage().contains("nope"), sql.getMessage());
      DuckstringException locked =
          assertThrows(
              DuckstringException.class,
              () ->
                  workers.query("shop", gen, "SELECT * FROM read_csv('/etc/passwd')", 1, 1 << 20));
      assertTrue(locked.getMessage().contains("Permission Error"), locked.getMessage());
      pids = workers.pids();
      assertEquals(1, pids.size(), "one worker started, on demand");
    }
    for (long pid : pids) {
      assertFalse(
          ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
          "worker " + pid + " still runs");
    }
  }

  @Test
  void aWorkerThatCannotLiveUnderItsLimitIsAFailureNamingTheWorker() throws Exception {
    Path gen = dir.resolve("g1");
    TestDuck.parquet(gen.resolve("orders/orders.parquet"), "SELECT 1 AS id");
    try (QueryWorkers workers = workers(1, 64L << 20)) {
      DuckstringException e =
          assertThrows(
              DuckstringException.class, () -> workers.query("shop", gen, "SELECT 1", 1, 1 << 20));
      assertInstanceOf(QueryWorkerFailure.class, e);
      assertTrue(
          e.getMessage().contains("the query worker ran out of memory (limit 64 MiB)"),
          e.getMessage());
      assertEquals(List.of(), workers.pids());
    }
  }

  /** Workers with their own watchdog, shut down with them. */
  private static QueryWorkers workers(int n, long addressSpace) {
    return new QueryWorkers(
        n,
        Duration.ofSeconds(10),
        DUCK,
        addressSpace,
        Executors.newSingleThreadScheduledExecutor());
  }
}
