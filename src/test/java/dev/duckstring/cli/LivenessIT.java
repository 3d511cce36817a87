package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
 * A daemon killed with SIGKILL, as real processes: {@code status} says it is gone and marks the
 * states it last wrote, {@code catchment list} shows it not running, and {@code pulse} says the
 * signal waits for the next start and exits 0. With the daemon alive, none of that is printed.
 */
class LivenessIT {
  @TempDir Path tmp;
  private Process daemon;
  private Path sleeper;

  /** One finished process: exit code, stdout and stderr apart. */
  private record Run(int code, String out, String err) {}

  private ProcessBuilder duckstring(Path cwd, String... args) {
    List<String> cmd =
        new ArrayList<>(List.of(Path.of("bin/duckstring").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().put("DUCKSTRING_HOME", tmp.resolve("home").toString());
    return pb;
  }

  private Run run(Path cwd, String... args) throws Exception {
    Path err = tmp.resolve("stderr");
    Process p = duckstring(cwd, args).redirectError(err.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  private Run ok(Path cwd, String... args) throws Exception {
    Run r = run(cwd, args);
    assertEquals(0, r.code(), () -> String.join(" ", args) + ": " + r.out() + r.err());
    return r;
  }

  @AfterEach
  void killEverythingStarted() throws Exception {
    if (daemon != null) {
      daemon.destroyForcibly();
      daemon.waitFor(30, TimeUnit.SECONDS);
    }
    // The command Ripple outlives a SIGKILLed daemon; stop it if it is still our sleep.
    String pid = sleeper == null ? "" : read(sleeper).strip();
    if (!pid.isEmpty()) {
      ProcessHandle.of(Long.parseLong(pid))
          .filter(h -> h.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
          .ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  @Test
  void statusListAndPulseSayWhenTheDaemonIsGone() throws Exception {
    Path root = tmp.resolve("dev");
    daemon =
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
            .redirectOutput(tmp.resolve("daemon.log").toFile())
            .start();
    waitFor(() -> Files.exists(root.resolve("catchment.lock")));
    sleeper = tmp.resolve("sleeper.pid");
    Path pond = Files.createDirectories(tmp.resolve("hold"));
    Projects.write(
        pond,
        "pond.toml",
        Projects.toml("hold", "1.0.0") + "[ripples.wait]\ncommand = [\"sh\", \"hold.sh\"]\n",
        "hold.sh",
        "echo $$ > '" + sleeper + "'\nexec sleep 300\n");
    ok(pond, "deploy", "dev");

    // Alive: nothing extra anywhere.
    Run pulse = ok(pond, "pulse", "dev", "hold");
    assertTrue(pulse.out().contains("pulse sent to hold@1"), pulse.out());
    assertEquals("", pulse.err());
    waitFor(() -> !read(sleeper).isBlank());
    Run status = ok(pond, "status", "dev");
    assertEquals("", status.err());
    assertTrue(status.out().contains(" running "), status.out());
    assertFalse(status.out().contains("running?"), status.out());
    assertTrue(ok(pond, "status", "dev", "--json").out().contains("\"alive\": true"));
    long pid = daemon.pid();
    String list = ok(pond, "catchment", "list").out();
    assertTrue(list.contains("pid " + pid + " on "), list);
    assertFalse(list.contains("not running"), list);

    daemon.destroyForcibly(); // SIGKILL: the lease file stays, unmarked
    assertTrue(daemon.waitFor(30, TimeUnit.SECONDS));

    status = ok(pond, "status", "dev");
    assertTrue(
        status.err().contains("note: no daemon serves 'dev': pid " + pid + " on ")
            && status.err().contains(" is gone (last heartbeat ")
            && status.err().contains("the states below are last known"),
        status.err());
    assertTrue(status.out().contains("running?"), status.out());
    assertFalse(status.out().contains("note:"), "stdout keeps only the table: " + status.out());
    String json = ok(pond, "status", "dev", "--json").out();
    assertTrue(
        json.contains("\"alive\": false")
            && json.contains("\"state\": \"gone\"")
            && json.contains("\"pid\": " + pid),
        json);
    assertTrue(json.stripLeading().startsWith("["), "still an array of lines: " + json);

    list = ok(pond, "catchment", "list").out();
    assertTrue(list.contains("not running: pid " + pid + " on "), list);
    assertTrue(list.contains(" is gone (last heartbeat "), list);

    pulse = ok(pond, "pulse", "dev", "hold");
    assertTrue(pulse.out().contains("pulse sent to hold@1"), pulse.out());
    assertTrue(
        pulse.err().contains("no daemon serves 'dev': pid " + pid)
            && pulse
                .err()
                .contains("it waits for the next 'duckstring catchment start --name dev'"),
        pulse.err());
    Run wave = ok(pond, "wave", "dev", "hold");
    assertTrue(wave.err().contains("it waits for the next"), wave.err());
  }

  private static String read(Path p) {
    try {
      return Files.exists(p) ? Files.readString(p) : "";
    } catch (IOException e) {
      return "";
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
