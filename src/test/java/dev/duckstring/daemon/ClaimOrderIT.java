package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.testing.Projects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A claim reaches the disk before anything the signal caused (decision 72): the real daemon runs
 * under {@code strace}, and the order of its renames, fsyncs and unlinks is read back. The claim's
 * rename into {@code claimed/} is forced before the {@code state.json} that holds its demand, the
 * {@code CURRENT} of the run it started and that run's ended (forced) record are renamed into
 * place, and the claimed file is deleted only once its demand is saved.
 */
class ClaimOrderIT {
  @TempDir Path tmp;

  /** One system call, from the line it started on to the line it returned on. */
  private record Call(String name, String args, int start, int end) {}

  private static final Pattern CALL = Pattern.compile("^(\\d+)\\s+(\\w+)\\((.*)$");
  private static final Pattern CLAIMED = Pattern.compile("\"[^\"]*/signals/claimed/[^\"]*\"");
  private static final Pattern RESUMED = Pattern.compile("^(\\d+)\\s+<\\.\\.\\. (\\w+) resumed>");

  @Test
  void theClaimIsForcedBeforeTheStateAndThePublishItCausedAndDeletedAfterThem() throws Exception {
    probeStrace();
    Path root = tmp.resolve("dev");
    Path trace = tmp.resolve("strace.txt");
    Path log = tmp.resolve("daemon.log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "strace",
                "-f",
                "--seccomp-bpf",
                "-y",
                "-e",
                "trace=fsync,fdatasync,rename,renameat,renameat2,unlink,unlinkat",
                "-o",
                trace.toString()));
    cmd.addAll(duckstring("catchment", "start", "--name", "dev", "--port", "0", "--root"));
    cmd.add(root.toString());
    Process daemon = process(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      waitFor(() -> Files.exists(root.resolve("catchment.lock")), log);
      Path pond = Files.createDirectories(tmp.resolve("solo"));
      Projects.write(
          pond, "pond.toml", Projects.toml("solo", "1.0.0"), "src/t.sql", "SELECT 7 AS n");
      run(pond, "deploy", "dev");
      run(pond, "pulse", "dev", "solo");
      Path status = root.resolve("ponds/solo/m1/status.json");
      waitFor(() -> read(status).contains("\"outcome\": \"success\""), log);
      Path claimed = root.resolve("ponds/solo/signals/claimed");
      waitFor(() -> Files.isDirectory(claimed) && list(claimed).isEmpty(), log);
    } finally {
      daemon.descendants().forEach(ProcessHandle::destroy); // SIGTERM to the daemon, not strace
      assertTrue(daemon.waitFor(60, TimeUnit.SECONDS), "the daemon stops on SIGTERM");
    }
    List<Call> calls = calls(Files.readAllLines(trace, StandardCharsets.UTF_8));
    Call claim =
        first(
            calls,
            -1,
            c -> c.name().startsWith("rename") && c.args().contains("/signals/claimed/"));
    assertNotNull(claim, "the claim's rename is in the trace");
    Call force =
        first(
            calls,
            claim.end(),
            c -> c.name().equals("fsync") && c.args().contains("/signals/claimed>"));
    assertNotNull(force, "claimed/ is forced after the claim: " + calls);
    Call state = first(calls, claim.end(), c -> isRenameTo(c, "/m1/state.json"));
    Call current = first(calls, claim.end(), c -> isRenameTo(c, "/m1/data/CURRENT"));
    assertNotNull(state, "the demand is saved");
    assertNotNull(current, "the run is published");
    assertTrue(force.end() < state.start(), "the claim is on disk before its demand: " + calls);
    assertTrue(force.end() < current.start(), "the claim is on disk before the publish");
    Call ended =
        calls.stream().filter(c -> isRenameTo(c, "/run.json")).reduce((a, b) -> b).orElseThrow();
    assertTrue(force.end() < ended.start(), "and before the run's record, which is forced");
    // The claimed path alone: a call another thread interrupts is logged "<unfinished ...>".
    Matcher claimed = CLAIMED.matcher(claim.args());
    assertTrue(claimed.find(), claim.args());
    String name = claimed.group();
    Call delete = first(calls, -1, c -> c.name().startsWith("unlink") && c.args().contains(name));
    assertNotNull(delete, "the claimed signal is deleted");
    assertTrue(state.end() < delete.start(), "deleted only once its demand is saved: " + calls);
    assertEquals(0, daemon.exitValue(), read(log));
  }

  /** Skips, saying why, where strace is missing or may not trace a child process. */
  private void probeStrace() throws Exception {
    Process p;
    try {
      p =
          new ProcessBuilder("strace", "-f", "--seccomp-bpf", "-o", "/dev/null", "true")
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      Assumptions.abort("strace is not installed (Debian: apt-get install strace): " + e);
      return;
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    Assumptions.assumeTrue(p.exitValue() == 0, "strace cannot trace a child here: " + out);
  }

  private static boolean isRenameTo(Call c, String suffix) {
    return c.name().startsWith("rename") && c.args().contains(suffix + "\"");
  }

  private static Call first(List<Call> calls, int after, Predicate<Call> test) {
    return calls.stream().filter(c -> c.start() > after && test.test(c)).findFirst().orElse(null);
  }

  /** The calls of an {@code strace -f} log, each with the lines it started and returned on. */
  private static List<Call> calls(List<String> lines) {
    List<Call> out = new ArrayList<>();
    Map<String, Integer> unfinished = new HashMap<>(); // pid -> index in out
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher resumed = RESUMED.matcher(line);
      if (resumed.find()) {
        Integer k = unfinished.remove(resumed.group(1));
        if (k != null) {
          Call c = out.get(k);
          out.set(k, new Call(c.name(), c.args(), c.start(), i));
        }
        continue;
      }
      Matcher m = CALL.matcher(line);
      if (!m.find()) {
        continue; // +++ exited, --- SIGTERM
      }
      boolean open = line.endsWith("<unfinished ...>");
      if (open) {
        unfinished.put(m.group(1), out.size());
      }
      out.add(new Call(m.group(2), m.group(3), i, open ? Integer.MAX_VALUE : i));
    }
    return out;
  }

  private List<String> duckstring(String... args) {
    List<String> cmd =
        new ArrayList<>(List.of(Path.of("bin/duckstring").toAbsolutePath().toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private ProcessBuilder process(List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
    pb.environment().put("DUCKSTRING_HOME", tmp.resolve("home").toString());
    return pb;
  }

  private void run(Path cwd, String... args) throws Exception {
    Process p = process(duckstring(args)).directory(cwd.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
  }

  private static void waitFor(BooleanSupplier c, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!c.getAsBoolean()) {
      assertFalse(System.nanoTime() > deadline, "timed out; daemon log: " + read(log));
      Thread.sleep(50);
    }
  }

  private static List<Path> list(Path dir) {
    try (var s = Files.list(dir)) {
      return s.toList();
    } catch (IOException e) {
      return List.of(dir);
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      return "";
    }
  }
}
