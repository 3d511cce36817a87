package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.SignalStore;
import dev.duckstring.http.RemoteCatchment;
import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.LineId;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --wait} as a real process on the packaged jar against a real daemon: plain lines through a
 * pipe, the live view in a pseudo-terminal ({@code script}), exit codes, --timeout, refusals, and
 * the shell-only wait of docs/protocol.md.
 */
class WaitIT {
  @TempDir Path tmp;
  TestCatchment c;

  @BeforeEach
  void start() throws Exception {
    c = new TestCatchment(tmp);
    c.start();
    deploy("inlet", "SELECT range AS n FROM range(1000)");
    deploy("out", "SELECT count(*) AS c FROM inlet.t", "inlet = \"1.0.0\"");
  }

  @AfterEach
  void stop() {
    c.close();
  }

  private void deploy(String pond, String sql, String... sources) throws IOException {
    String table = pond.equals("inlet") ? "t" : "c";
    Projects.write(
        c.cd(pond),
        "pond.toml",
        Projects.toml(pond, "1.0.0", sources),
        "src/" + table + ".sql",
        sql);
    c.cli("deploy", "dev", "--force").ok();
  }

  record Ran(int code, String out) {}

  private Ran run(List<String> cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(c.cwd().toFile());
    pb.environment().put("DUCKSTRING_HOME", c.home().toString());
    pb.environment().put("COLUMNS", "100");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS));
    return new Ran(p.exitValue(), out);
  }

  private static List<String> jar(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(Path.of("target/duckstring.jar").toAbsolutePath().toString());
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** The same command in a pseudo-terminal: util-linux's script gives it a tty for in and out. */
  private static List<String> tty(String... args) {
    return List.of(
        "script",
        "-qfec",
        String.join(" ", jar(args).stream().map(a -> "'" + a + "'").toList()),
        "/dev/null");
  }

  private static int count(String text, String part) {
    return text.split(Pattern.quote(part), -1).length - 1;
  }

  @Test
  void plainModePrintsOneLinePerChangeAndExitsZeroAfterSuccess() throws Exception {
    Ran r = run(jar("pulse", "dev", "out", "--wait"));
    assertEquals(0, r.code(), r.out());
    assertFalse(r.out().contains("\u001b["), "nothing is redrawn off a terminal:\n" + r.out());
    assertEquals(1, count(r.out(), "inlet@1 success "), r.out());
    assertEquals(1, count(r.out(), "out@1 success "), r.out());
    assertTrue(r.out().contains("1000 rows"), r.out());
    assertTrue(r.out().strip().endsWith("out@1 success, run " + runOf(r.out())), r.out());
    // One line per state change: no line repeats.
    List<String> lines = r.out().lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d .*")).toList();
    assertEquals(lines.size(), lines.stream().map(l -> l.substring(9)).distinct().count(), r.out());

    // Nothing changed upstream: the second pulse passes, and that is a good end too.
    r = run(jar("pulse", "dev", "out", "--wait"));
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("out@1 passed"), r.out());
  }

  private static String runOf(String out) {
    Matcher m = Pattern.compile("run (\\S+)\\s*$").matcher(out.strip());
    return m.find() ? m.group(1) : "?";
  }

  @Test
  void aSqlFailureExitsOneNamingThePondRippleAndError() throws Exception {
    deploy("out", "SELECT nope FROM inlet.t", "inlet = \"1.0.0\"");
    Ran r = run(jar("pulse", "dev", "out", "--wait"));
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("out@1 failed in Ripple c: Binder Error"), r.out());
    assertTrue(r.out().contains("\"nope\" not found"), r.out());
  }

  @Test
  void theLiveViewRedrawsInPlaceOnATerminal() throws Exception {
    // A run held open by a gate, so the view is drawn more than once whatever the machine's speed.
    Path gate = tmp.resolve("gate");
    Projects.write(
        c.cd("slow"),
        "pond.toml",
        Projects.gatedPond(Files.createDirectories(tmp.resolve("counts")), gate));
    c.cli("deploy", "dev").ok();
    ProcessBuilder pb =
        new ProcessBuilder(tty("pulse", "dev", "slow", "--wait")).directory(c.cwd().toFile());
    pb.environment().put("DUCKSTRING_HOME", c.home().toString());
    pb.environment().put("COLUMNS", "100");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    c.awaitStatus("slow@1", s -> s.state().word().equals("running"));
    Thread.sleep(3 * RunWaiter.POLL.toMillis());
    Files.writeString(gate, "");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    Matcher up = Pattern.compile("\u001b\\[(\\d)F").matcher(out);
    int last = -1;
    while (up.find()) {
      last = up.start();
    }
    assertTrue(last >= 0, "cursor up over the last drawing:\n" + out);
    assertTrue(out.contains("\u001b[2K"), out);
    assertTrue(out.contains("slow@1                   running"), out);
    assertTrue(out.contains("[##########] 1/1 ponds"), out);
    assertTrue(out.strip().endsWith(runOf(out)), out);
    assertTrue(out.contains("slow@1 success, run "), out);
    String frame = out.substring(last);
    assertTrue(frame.matches("(?s).*slow@1 +success .*1/1 ponds.*"), frame);
  }

  @Test
  void timeoutEndsTheWaitWithOneAndTheRunGoesOn() throws Exception {
    Path gate = tmp.resolve("gate");
    Projects.write(
        c.cd("slow"),
        "pond.toml",
        Projects.gatedPond(Files.createDirectories(tmp.resolve("counts")), gate));
    c.cli("deploy", "dev").ok();
    Ran r = run(jar("pulse", "dev", "slow", "--wait", "--timeout", "1s"));
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("timed out after 1s waiting for slow@1; the run goes on"), r.out());
    assertTrue(r.out().contains("slow@1 running"), r.out());
    Files.writeString(gate, "");
    c.awaitStatus(
        "slow@1", s -> s.lastRun() != null && !s.lastRun().outcome().word().equals("running"));

    assertEquals(2, c.cli("pulse", "dev", "slow", "--wait", "--timeout", "5x").code());
    assertEquals(2, c.cli("tap", "dev", "slow", "--timeout", "5s").code());
  }

  @Test
  void tapAndForceWaitForTheirOwnRun() throws Exception {
    assertEquals(0, run(jar("pulse", "dev", "out", "--wait")).code());
    Ran r = run(jar("force", "dev", "out", "--wait"));
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("out@1 success, run "), r.out());
    assertFalse(r.out().contains("inlet@1"), "force follows the line alone:\n" + r.out());
    r = run(jar("tap", "dev", "inlet", "--wait", "--timeout", "1m"));
    assertEquals(0, r.code(), r.out());
    assertTrue(r.out().contains("inlet@1 success"), r.out());
  }

  @Test
  void aDaemonThatStopsWhileWaitingEndsTheWaitWithOne() throws Exception {
    Path gate = tmp.resolve("gate");
    Projects.write(
        c.cd("slow"),
        "pond.toml",
        Projects.gatedPond(Files.createDirectories(tmp.resolve("counts")), gate));
    c.cli("deploy", "dev").ok();
    ProcessBuilder pb =
        new ProcessBuilder(jar("pulse", "dev", "slow", "--wait")).directory(c.cwd().toFile());
    pb.environment().put("DUCKSTRING_HOME", c.home().toString());
    pb.redirectErrorStream(true);
    Path said = tmp.resolve("wait.out");
    pb.redirectOutput(said.toFile());
    Process p = pb.start();
    // Stop the daemon only once the wait has seen the run it follows: before that, a stop means
    // the signal was never taken, which the wait reports differently.
    c.await(
        "the wait to see slow@1 running",
        () -> {
          try {
            return Files.readString(said).contains("slow@1 running");
          } catch (IOException e) {
            return false;
          }
        });
    c.stop();
    Files.writeString(gate, "");
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String out = Files.readString(said);
    assertEquals(1, p.exitValue(), out);
    assertTrue(out.contains("no daemon serves the root while waiting: stopped cleanly"), out);
  }

  @Test
  void theFollowWorksOverTheJsonApiOfAnHttpRegistration() throws Exception {
    // The verbs cannot drop a signal over HTTP (the view writes nothing): a file is dropped on the
    // root, as cron would, and followed through /api/status and /api/runs alone.
    Path signal = new SignalStore(c.layout()).drop("out", SignalKind.PULSE, "", Instant.now());
    String file = signal.getFileName().toString();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
      code =
          RunWaiter.follow(
              c.env(o, o, new CountDownLatch(1)),
              RunWaiter.remote(new RemoteCatchment("web", c.httpUrl()), c.httpUrl()),
              new LineId("out", 1),
              file,
              true,
              Duration.ofMinutes(1),
              "web");
    }
    String text = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code, text);
    assertTrue(text.contains("inlet@1 success "), text);
    assertTrue(text.contains("out@1 success, run "), text);

    c.cli("catchment", "connect", "--name", "web", "--path", c.httpUrl()).ok();
    TestCatchment.Result r = c.cli("pulse", "web", "out", "--wait");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("read-only"), r.err());

    // 'wait' follows a dropped signal by name, over the registration's JSON API and on the root.
    Path next = new SignalStore(c.layout()).drop("out", SignalKind.PULSE, "", Instant.now());
    r = c.cli("wait", "web", "out", next.getFileName().toString(), "--timeout", "1m");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("out@1 passed (nothing it reads changed), run "), r.out());
    r = c.cli("wait", "dev", "out", next.getFileName().toString());
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("out@1 passed (nothing it reads changed), run "), r.out());
    assertEquals(2, c.cli("wait", "web", "out", "nonsense").code());
    assertEquals(2, c.cli("wait", "web", "out", "pulse", "--timeout", "5x").code());
    r = c.cli("wait", "web", "nope", "pulse");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no Pond 'nope' is deployed"), r.err());
  }

  @Test
  void aBlockedLineIsRefusedAndNothingIsDropped() throws Exception {
    deploy("inlet", "SELECT nope");
    Ran r = run(jar("pulse", "dev", "inlet", "--wait"));
    assertEquals(1, r.code(), r.out());
    c.awaitStatus("out@1", s -> s.state().word().equals("blocked"));
    Path inbox = c.root().resolve("ponds/out/signals");
    List<String> before = Dirs.list(inbox);
    r = run(jar("pulse", "dev", "out", "--wait"));
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().contains("out@1 is blocked by inlet@1"), r.out());
    assertEquals(before, Dirs.list(inbox), "no signal file written");
    r = run(jar("force", "dev", "out", "--wait"));
    assertEquals(1, r.code(), r.out());
    assertEquals(before, Dirs.list(inbox), "no signal file written");
  }

  @Test
  void theShellScriptOfTheProtocolWaitsForSuccessAndForFailure() throws Exception {
    Path script = tmp.resolve("wait-run.sh");
    Files.writeString(script, protocolScript());
    ProcessBuilder sh =
        new ProcessBuilder("timeout", "120", "sh", script.toString(), c.root().toString(), "out")
            .redirectErrorStream(true);
    Ran r = run(sh.command());
    assertEquals(0, r.code(), r.out());
    assertEquals("out: success", r.out().strip());

    deploy("out", "SELECT nope FROM inlet.t", "inlet = \"1.0.0\"");
    r = run(sh.command());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.out().startsWith("out: failed\n"), r.out());
    assertTrue(r.out().contains("not found in FROM clause"), r.out());
  }

  /** The first sh block of docs/protocol.md's "Waiting for a run from a shell". */
  static String protocolScript() throws IOException {
    List<String> lines = Files.readAllLines(Path.of("docs/protocol.md"));
    StringBuilder b = new StringBuilder();
    boolean section = false;
    boolean in = false;
    for (String l : lines) {
      if (l.startsWith("## ")) {
        section = l.equals("## Waiting for a run from a shell");
      } else if (section && l.startsWith("```")) {
        if (in) {
          return b.toString();
        }
        in = l.equals("```sh");
      } else if (in) {
        b.append(l).append('\n');
      }
    }
    throw new AssertionError("no sh block in the section");
  }

  /** Tiny listing helper. */
  static final class Dirs {
    static List<String> list(Path dir) throws IOException {
      if (!Files.isDirectory(dir)) {
        return List.of();
      }
      try (var s = Files.list(dir)) {
        return s.map(p -> p.getFileName().toString())
            .filter(n -> !n.startsWith("claimed"))
            .sorted()
            .toList();
      }
    }
  }
}
