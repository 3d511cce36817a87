package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code status POND}, its exit codes and {@code --watch} on the hand-built root of the status
 * golden files (no daemon: status reads files only): inlet@1 idle, pond@1 failed, outlet@1 blocked,
 * report@1 running and report@2 queued (pinning a ghost), fresh@1 idle, later without a status.
 */
class StatusCommandTest {
  private static final Path FIXTURE = Path.of("src/test/resources/golden/status-root");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-04-01T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  private Path root;
  private Path home;

  record Run(int code, String out, String err) {}

  @BeforeEach
  void copyTheRoot() throws IOException {
    root = tmp.resolve("dev");
    try (Stream<Path> files = Files.walk(FIXTURE)) {
      for (Path p : files.sorted().toList()) {
        Path to = root.resolve(FIXTURE.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    home = Files.createDirectories(tmp.resolve("home"));
    Files.createDirectories(home.resolve(".duckstring"));
    Files.writeString(
        home.resolve(".duckstring/config.toml"), "[catchments.dev]\npath = \"" + root + "\"\n");
  }

  private Env env(PrintStream out, PrintStream err, boolean terminal, CountDownLatch stop) {
    return new Env(
        home, tmp, new BufferedReader(new StringReader("")), out, err, terminal, CLOCK, stop);
  }

  private Run cli(String... args) {
    return cli(false, new CountDownLatch(1), args);
  }

  private Run cli(boolean terminal, CountDownLatch stop, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Cli.run(args, env(o, e, terminal, stop));
    }
    return new Run(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** The POND column of a table. */
  private static List<String> ponds(String table) {
    return table
        .lines()
        .filter(l -> l.matches("[a-z]+@\\d+ .*"))
        .map(l -> l.split(" ")[0])
        .toList();
  }

  /** The STATE column of {@code line} in a table. */
  private static String state(String table, String line) {
    return table
        .lines()
        .filter(l -> l.startsWith(line + " "))
        .findFirst()
        .orElseThrow()
        .split(" {2,}")[2];
  }

  @Test
  void exitCodeIsOneWhenALineShownIsFailedKilledOrBlocked() {
    LineStatus idle = LineStatus.of(new LineId("a", 1), "1.0.0", List.of("1.0.0"), List.of());
    assertEquals(0, StatusCommand.exitCode(List.of()));
    for (LineState s : LineState.values()) {
      boolean trouble = s == LineState.FAILED || s == LineState.KILLED || s == LineState.BLOCKED;
      assertEquals(
          trouble ? 1 : 0, StatusCommand.exitCode(List.of(idle, idle.withState(s))), s.word());
    }
  }

  @Test
  void statusExitsOneWhileAFailedOrBlockedLineIsShownAlsoWithJson() {
    Run r = cli("status", "dev");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.out().contains("failed"), r.out());
    assertEquals(1, cli("status", "dev", "--all", "--json").code());
    assertEquals(0, cli("status", "dev", "inlet").code());
    assertEquals(0, cli("status", "dev", "fresh", "--json").code());
    assertEquals(1, cli("status", "dev", "report", "--json").code()); // upstream: pond@1 failed
  }

  @Test
  void aPondShowsItAndItsUpstreamEvenIdle() {
    Run r = cli("status", "dev", "outlet");
    assertEquals(1, r.code(), r.err());
    assertEquals(List.of("inlet@1", "outlet@1", "pond@1"), ponds(r.out()));
    assertEquals(List.of("fresh@1", "inlet@1"), ponds(cli("status", "dev", "fresh").out()));
    assertEquals(
        List.of("fresh@1", "inlet@1"), ponds(cli("status", "dev", "fresh", "--all").out()));
    assertEquals(
        List.of("inlet@1", "outlet@1", "pond@1", "report@2"),
        ponds(cli("status", "dev", "report@2").out()));
    assertEquals(
        List.of("fresh@1", "inlet@1", "outlet@1", "pond@1", "report@1", "report@2"),
        ponds(cli("status", "dev", "report", "fresh").out()));
    String json = cli("status", "dev", "inlet", "--json").out();
    assertTrue(json.contains("\"line\": \"inlet@1\""), json);
    assertFalse(json.contains("\"line\": \"pond@1\""), json);
  }

  @Test
  void aPondDeployedWithoutAStatusShowsNothingYet() {
    Run r = cli("status", "dev", "later");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("no status written yet"), r.out());
  }

  @Test
  void anUnknownPondIsOneLineOnStderrExitTwoAndNothingOnStdout() {
    Run r = cli("status", "dev", "outlt");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals(
        "duckstring status: unknown pond 'outlt' (did you mean 'outlet'?): nothing deployed under"
            + " that name\n",
        r.err());
    r = cli("status", "dev", "inlet", "report@3", "--json");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals(2, cli("status", "dev", "nope", "--watch").code());
  }

  @Test
  void intervalIsCheckedAndNeedsWatch() {
    Run r = cli("status", "dev", "--interval", "1s");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--interval needs --watch"), r.err());
    r = cli("status", "dev", "--watch", "--interval", "2x");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--interval '2x' is not a duration"), r.err());
    assertEquals("", r.out());
  }

  /** Runs status --watch on a thread; {@code change} runs once the first look is out. */
  private Run watch(boolean terminal, Runnable change, String... args) throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    AtomicInteger code = new AtomicInteger(-1);
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    String[] all =
        Stream.concat(Arrays.stream(args), Stream.of("--watch", "--interval", "20ms"))
            .toArray(String[]::new);
    Thread t = new Thread(() -> code.set(Cli.run(all, env(o, e, terminal, stop))));
    t.start();
    await(() -> out.size() > 0);
    Thread.sleep(200); // many looks, nothing changed
    int before = out.size(); // before the change: the watch may print it at once
    change.run();
    await(
        () -> out.size() > before,
        () ->
            "no look after the change; the watch "
                + (t.isAlive() ? "runs" : "ended with " + code.get())
                + "; out: "
                + out.toString(StandardCharsets.UTF_8)
                + "; err: "
                + err.toString(StandardCharsets.UTF_8));
    Thread.sleep(200);
    assertTrue(t.isAlive(), "the watch ended by itself");
    stop.countDown();
    t.join(TimeUnit.SECONDS.toMillis(10));
    assertFalse(t.isAlive(), "the watch did not stop");
    return new Run(code.get(), out.toString(StandardCharsets.UTF_8), "");
  }

  private static void await(BooleanSupplier done) throws InterruptedException {
    await(done, () -> "timed out");
  }

  private static void await(BooleanSupplier done, Supplier<String> why)
      throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < end, why);
      Thread.sleep(10);
    }
  }

  /** Sets {@code line}'s state in its status.json, as the daemon would. */
  private Runnable set(String line, LineState state) {
    return () -> {
      StatusStore store = new StatusStore(new CatchmentLayout(root));
      LineId id = LineId.parse(line);
      store.write(id, store.read(id).withState(state).withError(null));
    };
  }

  @Test
  void watchOffATerminalPrintsTheTableAgainOnlyWhenItChanges() throws Exception {
    Run r = watch(false, set("pond@1", LineState.IDLE), "status", "dev", "pond");
    String[] tables = r.out().split("\n\n(?=dev  )");
    assertEquals(2, tables.length, r.out());
    String head =
        "dev  2026-04-01 10:00:00Z  no daemon serves 'dev'; the states are last known\n\n";
    assertTrue(tables[0].startsWith(head + "POND "), tables[0]);
    assertEquals("failed", state(tables[0], "pond@1"));
    assertTrue(tables[1].startsWith(head + "POND "), tables[1]);
    assertEquals("idle", state(tables[1], "pond@1"));
    assertEquals(List.of("inlet@1", "pond@1"), ponds(tables[1]));
    assertEquals(0, r.code(), "exit code of the last look");
    assertFalse(r.out().contains("\u001b"), "no terminal codes off a terminal");
  }

  @Test
  void watchOnATerminalRedrawsInPlace() throws Exception {
    Run r = watch(true, set("inlet@1", LineState.FAILED), "status", "dev", "inlet");
    assertTrue(r.out().startsWith("\u001b[2Kdev  2026-04-01 10:00:00Z  "), r.out());
    assertTrue(r.out().contains("\u001b[4F"), "moves up over header, blank, table: " + r.out());
    assertTrue(r.out().contains("failed"), r.out());
    assertEquals(1, r.code(), "the inlet failed at the last look");
  }

  @Test
  void watchWithJsonPrintsOneLinePerChange() throws Exception {
    Run r = watch(false, set("fresh@1", LineState.QUEUED), "status", "dev", "fresh", "--json");
    List<String> lines = r.out().lines().toList();
    assertEquals(2, lines.size(), r.out());
    assertTrue(lines.get(0).startsWith("[{\"line\":\"fresh@1\""), lines.get(0));
    assertTrue(lines.get(0).contains("\"state\":\"idle\""), lines.get(0));
    assertTrue(lines.get(1).contains("\"state\":\"queued\""), lines.get(1));
    assertTrue(lines.get(1).contains("\"daemon\":{\"alive\":false"), lines.get(1));
  }
}
