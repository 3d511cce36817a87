package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineState;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status POND}, its exit codes and {@code --watch} on the real daemon, on the local root and
 * over an {@code http://} registration (issue 11, item 3; docs/decisions.md §39).
 */
class StatusIT {
  @TempDir Path tmp;

  /** The POND column of a status table. */
  private static List<String> ponds(String table) {
    return table
        .lines()
        .filter(l -> l.matches("[a-z]+@\\d+ .*"))
        .map(l -> l.split(" ")[0])
        .toList();
  }

  /** Deploys {@code calc} (one SQL Ripple, {@code sql}) at {@code version}. */
  private static void calc(TestCatchment c, String version, String sql) throws Exception {
    Projects.write(c.cd("calc"), "pond.toml", Projects.toml("calc", version), "src/t.sql", sql);
    c.cli("deploy", "dev").ok();
    c.cd("work");
  }

  /** {@code status ... --watch} on a thread, stopped as a test stops it: env.stop(). */
  private static final class Watch {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final CountDownLatch stop = new CountDownLatch(1);
    final AtomicInteger code = new AtomicInteger(-1);
    final Thread thread;

    Watch(TestCatchment c, String... args) {
      PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
      PrintStream e = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
      Env env = c.env(o, e, stop);
      thread = new Thread(() -> code.set(Cli.run(args, env)), "test-watch");
      thread.start();
    }

    String out() {
      return out.toString(StandardCharsets.UTF_8);
    }

    int stop() throws InterruptedException {
      assertTrue(thread.isAlive(), "the watch ended by itself: " + out());
      stop.countDown();
      thread.join(TestCatchment.PATIENCE.toMillis());
      assertFalse(thread.isAlive(), "the watch did not stop on env.stop()");
      return code.get();
    }
  }

  @Test
  void statusExitsOneWhileALineFailedAndZeroOnceItIsFixedAndWatchFollowsIt() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      calc(c, "1.0.0", "SELECT 1 AS x");
      c.awaitStatus("calc@1", s -> true);
      assertEquals(0, c.cli("status", "dev").ok().code());

      Watch watch = new Watch(c, "status", "dev", "calc", "--watch", "--interval", "100ms");
      c.await("the first table", () -> watch.out().contains("calc@1"));
      assertTrue(watch.out().startsWith("dev  "), watch.out());
      assertTrue(watch.out().lines().findFirst().orElseThrow().contains("daemon alive: pid "));

      calc(c, "1.1.0", "SELEC 1");
      c.cli("pulse", "dev", "calc").ok();
      c.awaitStatus("calc@1", s -> s.state() == LineState.FAILED);
      TestCatchment.Result failed = c.cli("status", "dev");
      assertEquals(1, failed.code(), failed.err());
      assertTrue(failed.out().contains("Parser Error"), failed.out());
      TestCatchment.Result json = c.cli("status", "dev", "--json");
      assertEquals(1, json.code());
      assertTrue(json.out().startsWith("[") && json.out().contains("\"state\": \"failed\""));
      assertEquals(1, c.cli("status", "dev", "calc", "--json").code());

      c.await("the watch to redraw", () -> watch.out().contains("Parser Error"));
      assertTrue(watch.out().contains("\n\ndev  "), "a blank line, then the next table");
      assertEquals(1, watch.stop(), "the last table showed calc@1 failed");

      calc(c, "1.2.0", "SELECT 2 AS x");
      if (c.awaitStatus("calc@1", s -> "1.2.0".equals(s.version())).state() == LineState.FAILED) {
        c.cli("clear", "dev", "calc").ok();
        c.awaitStatus("calc@1", s -> s.state() != LineState.FAILED);
      }
      c.cli("pulse", "dev", "calc").ok();
      c.awaitStatus(
          "calc@1", s -> s.state() == LineState.IDLE && "1.2.0".equals(s.publishedVersion()));
      assertEquals(0, c.cli("status", "dev", "--all").code());
      assertEquals(0, c.cli("status", "dev", "--all", "--json").code());
    }
  }

  @Test
  void aPondShowsItsUpstreamOnlyLocallyAndOverHttp() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      calc(c, "1.0.0", "SELEC 1"); // unrelated, and failed
      Projects.write( // downstream of inlet, not upstream of outlet
          c.cd("side"),
          "pond.toml",
          Projects.toml("side", "1.0.0", "inlet = \"1.0.0\""),
          "src/audit.sql",
          "SELECT count(*) AS n FROM inlet.orders");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "calc").ok();
      c.awaitStatus("calc@1", s -> s.state() == LineState.FAILED);
      for (String line : List.of("inlet@1", "pond@1", "outlet@1", "side@1")) {
        c.awaitStatus(line, s -> true);
      }
      String url = c.httpUrl();
      c.cli("catchment", "connect", "--name", "prod", "--path", url).ok();

      for (String catchment : List.of("dev", "prod")) {
        TestCatchment.Result r = c.cli("status", catchment, "outlet");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("inlet@1", "outlet@1", "pond@1"), ponds(r.out()), r.out());
        assertEquals(
            List.of("inlet@1", "pond@1"), ponds(c.cli("status", catchment, "pond@1").out()));
        assertEquals(1, c.cli("status", catchment).code(), "calc@1 failed");
        assertEquals(1, c.cli("status", catchment, "side", "calc").code());
        assertEquals(0, c.cli("status", catchment, "side", "--json").code());

        TestCatchment.Result bad = c.cli("status", catchment, "outlett", "--all");
        assertEquals(2, bad.code());
        assertEquals("", bad.out());
        assertEquals(
            "duckstring status: unknown pond 'outlett' (did you mean 'outlet'?): nothing deployed"
                + " under that name\n",
            bad.err());
        assertEquals(2, c.cli("status", catchment, "outlet@7").code());
      }
      assertEquals(
          withoutDaemon(c.cli("status", "dev", "outlet", "--json").out()),
          withoutDaemon(c.cli("status", "prod", "outlet", "--json").out()));

      Watch watch = new Watch(c, "status", "prod", "side", "--watch", "--interval", "100ms");
      c.await("the first table", () -> watch.out().contains("side@1"));
      assertTrue(
          watch.out().startsWith("prod  ") && watch.out().contains("answered over HTTP by " + url),
          watch.out());
      c.cli("pulse", "dev", "side").ok();
      c.await("the watch to show side's run", () -> watch.out().contains("success"));
      assertEquals(0, watch.stop());
      assertEquals(List.of("inlet@1", "side@1"), ponds(watch.out()).subList(0, 2));
    }
  }

  /** The CLI's {@code daemon} field: the lease holder locally, only "alive" over HTTP. */
  private static String withoutDaemon(String json) {
    return json.replaceAll(",\\s*\"daemon\": \\{[^}]*\\}", "");
  }
}
