package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duckstring.runner.ProcessGroup;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daemon killed with SIGKILL leaves its command Ripples running; the next daemon on the root
 * finds them by the process group in the run directory and stops them before it re-runs them.
 */
class OrphansIT {
  @TempDir Path tmp;
  private final List<Process> daemons = new ArrayList<>();
  private Path pids;

  private ProcessBuilder duckstring(Path cwd, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of(Path.of("bin/duckstring").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().put("DUCKSTRING_HOME", tmp.resolve("home").toString());
    return pb;
  }

  private Process daemon(Path root, String log) throws IOException {
    Process p =
        duckstring(
                tmp,
                "catchment",
                "start",
                "--name",
                "dev",
                "--port",
                "0",
                "--root",
                root.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve(log).toFile()))
            .start();
    daemons.add(p);
    return p;
  }

  private void run(Path cwd, String... args) throws Exception {
    Process p = duckstring(cwd, args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
  }

  @AfterEach
  void killEverythingStarted() throws Exception {
    daemons.forEach(Process::destroyForcibly);
    for (Process d : daemons) {
      d.waitFor(30, TimeUnit.SECONDS);
    }
    // Only processes that are still our shells and sleeps: a pid that died may have been reused.
    for (long pid : recorded()) {
      ProcessHandle.of(pid)
          .filter(
              h ->
                  h.info()
                      .command()
                      .map(c -> c.endsWith("/sleep") || c.endsWith("/sh") || c.endsWith("/dash"))
                      .orElse(false))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void theNextDaemonStopsTheCommandRipplesOfADaemonKilledWithSigkill() throws Exception {
    assumeTrue(ProcessGroup.supported(), "needs setsid and /proc (Linux)");
    Path root = tmp.resolve("dev");
    pids = tmp.resolve("pids");
    Process first = daemon(root, "daemon1.log");
    waitFor(() -> Files.exists(root.resolve("catchment.lock")));
    // A shell with two children: each run appends the shell's pid, then each sleep's.
    Path pond = Files.createDirectories(tmp.resolve("hold"));
    Projects.write(
        pond,
        "pond.toml",
        Projects.toml("hold", "1.0.0") + "[ripples.wait]\ncommand = [\"sh\", \"hold.sh\"]\n",
        "hold.sh",
        "echo $$ >> '"
            + pids
            + "'\n"
            + "sleep 300 & echo $! >> '"
            + pids
            + "'\n"
            + "sleep 300 & echo $! >> '"
            + pids
            + "'\n"
            + "wait\n");
    run(pond, "deploy", "dev");
    run(pond, "pulse", "dev", "hold");
    waitFor(() -> recorded().size() >= 3);
    List<Long> orphans = recorded().subList(0, 3);

    first.destroyForcibly(); // SIGKILL: no shutdown hook runs
    assertTrue(first.waitFor(30, TimeUnit.SECONDS));
    for (long pid : orphans) {
      assertTrue(alive(pid), "process " + pid + " outlived the daemon, as an orphan");
    }

    Process second = daemon(root, "daemon2.log");
    waitFor(() -> orphans.stream().noneMatch(OrphansIT::alive));
    // Journaled once the group is gone, and before any run resumes.
    waitFor(() -> read(root.resolve("events.log")).contains("\"event\":\"orphan_killed\""));
    String events = read(root.resolve("events.log"));
    String killed =
        events
            .lines()
            .filter(l -> l.contains("\"event\":\"orphan_killed\""))
            .findFirst()
            .orElseThrow();
    assertTrue(
        killed.contains("\"pgid\":" + orphans.get(0))
            && killed.contains("\"line\":\"hold@1\"")
            && killed.contains("\"ripple\":\"wait\""),
        killed);
    // The second daemon's daemon_started (the first one's may say lines 0 or 1, by timing).
    String started = "\"event\":\"daemon_started\"";
    waitFor(() -> read(root.resolve("events.log")).split(started, -1).length > 2);
    events = read(root.resolve("events.log"));
    assertTrue(
        events.indexOf("orphan_killed") < events.lastIndexOf(started),
        "the orphans are stopped before any run resumes: " + events);

    // The re-run's own group is stopped, grandchildren too, when this daemon stops normally.
    waitFor(() -> recorded().size() >= 6);
    List<Long> rerun = recorded().subList(3, 6);
    second.destroy(); // SIGTERM
    assertTrue(second.waitFor(60, TimeUnit.SECONDS), "the daemon stops on SIGTERM");
    waitFor(() -> rerun.stream().noneMatch(OrphansIT::alive));
    try (var s = Files.walk(root.resolve("ponds/hold/m1/runs"))) {
      assertEquals(
          List.of(),
          s.filter(p -> p.toString().endsWith(".pid")).toList(),
          "no group is left recorded");
    }
  }

  private List<Long> recorded() {
    List<Long> out = new ArrayList<>();
    for (String line : read(pids).split("\n")) {
      if (!line.isBlank()) {
        out.add(Long.parseLong(line.strip()));
      }
    }
    return out;
  }

  /** Alive and not a zombie (an orphan's zombie children wait for whoever adopts them). */
  private static boolean alive(long pid) {
    String stat = read(Path.of("/proc/" + pid + "/stat"));
    return !stat.isEmpty() && !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
  }

  private static String read(Path p) {
    try {
      return p != null && Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return "";
    }
  }

  private void waitFor(BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + TestCatchment.PATIENCE.toNanos();
    while (!c.getAsBoolean()) {
      assertTrue(
          System.nanoTime() < deadline,
          () ->
              "timed out; events: "
                  + read(tmp.resolve("dev/events.log"))
                  + "\ndaemon 1: "
                  + read(tmp.resolve("daemon1.log"))
                  + "\ndaemon 2: "
                  + read(tmp.resolve("daemon2.log")));
      Thread.sleep(50);
    }
  }
}
