package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/duckstring as real processes: the packaged jar, SIGTERM, exit codes, a fresh user home. */
class ProcessIT {
  @TempDir Path tmp;

  private ProcessBuilder duckstring(Path cwd, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of(Path.of("bin/duckstring").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().put("DUCKSTRING_HOME", tmp.resolve("home").toString());
    return pb;
  }

  private String run(Path cwd, int expectedExit, String... args) throws Exception {
    Process p = duckstring(cwd, args).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(expectedExit, p.exitValue(), out);
    return out;
  }

  @Test
  void theDaemonRunsInTheForegroundAndStopsCleanlyOnSigterm() throws Exception {
    Path root = tmp.resolve("dev");
    Path log = tmp.resolve("daemon.log");
    Process daemon =
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
            .redirectOutput(log.toFile())
            .start();
    try {
      waitFor(() -> Files.exists(root.resolve("catchment.lock")));
      Path pond = Files.createDirectories(tmp.resolve("solo"));
      Projects.write(
          pond, "pond.toml", Projects.toml("solo", "1.0.0"), "src/t.sql", "SELECT 7 AS n");
      assertTrue(run(pond, 0, "deploy", "dev").contains("deployed solo 1.0.0"));
      assertTrue(run(pond, 0, "pulse", "dev", "solo").contains("pulse sent to solo@1"));
      waitFor(
          () ->
              read(root.resolve("ponds/solo/m1/status.json")).contains("\"outcome\": \"success\""));
      assertTrue(run(pond, 0, "query", "dev", "solo", "t").contains("7"));
      assertTrue(run(pond, 1, "pulse", "dev", "nope").contains("unknown pond 'nope'"));
      assertTrue(run(pond, 2, "pulse").contains("usage: duckstring pulse"));
    } finally {
      daemon.destroy(); // SIGTERM
      assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon stops on SIGTERM");
    }
    assertEquals(0, daemon.exitValue(), read(log));
    assertTrue(read(log).contains("stopping catchment 'dev'"), read(log));
    assertFalse(Files.exists(root.resolve("catchment.lock")), "the lease is released");
    assertTrue(read(root.resolve("events.log")).contains("\"event\":\"daemon_stopping\""));
  }

  @Test
  void theUsersHomeIsHomeUnlessDuckstringHomeIsSet() throws Exception {
    // As under cron or in a container: HOME names the home, whatever the password database says.
    Path home = tmp.resolve("user");
    Files.createDirectories(home.resolve(".duckstring"));
    Files.writeString(
        home.resolve(".duckstring/config.toml"),
        "[catchments.fromhome]\npath = \"/srv/fromhome\"\n");
    ProcessBuilder pb = duckstring(tmp, "catchment", "list").redirectErrorStream(true);
    pb.environment().remove("DUCKSTRING_HOME");
    pb.environment().put("HOME", home.toString());
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("fromhome") && out.contains("/srv/fromhome"), out);
    // DUCKSTRING_HOME still wins over HOME.
    pb.environment().put("DUCKSTRING_HOME", tmp.resolve("home").toString());
    p = pb.start();
    out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("no catchments registered"), out);
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return "";
    }
  }

  @Test
  void aSymbolicLinkToTheScriptRunsTheCheckoutsCli() throws Exception {
    Path script = Path.of("bin/duckstring").toAbsolutePath();
    Path bin = Files.createDirectories(tmp.resolve("user/bin"));
    // ~/bin/duckstring -> the checkout's script, and a relative link to that link
    Files.createSymbolicLink(bin.resolve("duckstring"), script);
    Files.createSymbolicLink(tmp.resolve("user/ds"), Path.of("bin/duckstring"));
    for (Path link : List.of(bin.resolve("duckstring"), tmp.resolve("user/ds"))) {
      Process p =
          new ProcessBuilder(link.toString(), "--help")
              .directory(tmp.toFile())
              .redirectErrorStream(true)
              .start();
      String out = new String(p.getInputStream().readAllBytes());
      assertTrue(p.waitFor(120, TimeUnit.SECONDS));
      assertEquals(0, p.exitValue(), out);
      assertTrue(out.startsWith("usage: duckstring COMMAND"), out);
    }
  }

  private static void waitFor(BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + TestCatchment.PATIENCE.toNanos();
    while (!c.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out");
      Thread.sleep(50);
    }
  }
}
