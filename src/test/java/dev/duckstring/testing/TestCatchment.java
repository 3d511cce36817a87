package dev.duckstring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventFiles;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.cli.Cli;
import dev.duckstring.cli.Env;
import dev.duckstring.model.LineId;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real Catchment for integration tests: a temp home, a working directory, the CLI run in-process
 * and a daemon started with {@code catchment start} on a background thread.
 */
public final class TestCatchment implements AutoCloseable {
  /** How long {@link #await} waits before failing; generous, since CI machines are shared. */
  public static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Path base;
  private final Path home;
  private final Path root;
  private Path cwd;
  private Thread daemon;
  private CountDownLatch stop;
  private final AtomicReference<Result> daemonResult = new AtomicReference<>();
  private volatile ByteArrayOutputStream daemonOut = new ByteArrayOutputStream();
  private final Clock clock;

  /** What one CLI invocation printed and returned. */
  public record Result(int code, String out, String err) {
    public Result ok() {
      assertEquals(0, code, () -> "exit " + code + "\nout: " + out + "\nerr: " + err);
      return this;
    }

    /** Asserts the exit code is {@code expected} (status exits 1 while a line shown failed). */
    public Result exits(int expected) {
      assertEquals(expected, code, () -> "exit " + code + "\nout: " + out + "\nerr: " + err);
      return this;
    }
  }

  public TestCatchment(Path base) throws IOException {
    this(base, Clock.systemUTC());
  }

  public TestCatchment(Path base, Clock clock) throws IOException {
    this.base = base;
    this.clock = clock;
    this.home = Files.createDirectories(base.resolve("home"));
    this.root = base.resolve("dev");
    this.cwd = Files.createDirectories(base.resolve("work"));
  }

  public Path base() {
    return base;
  }

  public Path root() {
    return root;
  }

  public CatchmentLayout layout() {
    return new CatchmentLayout(root);
  }

  public Path home() {
    return home;
  }

  public Path cwd() {
    return cwd;
  }

  /** Changes the working directory of later commands (created if needed). */
  public Path cd(String dir) throws IOException {
    cwd = Files.createDirectories(base.resolve(dir));
    return cwd;
  }

  public Env env(PrintStream out, PrintStream err, CountDownLatch latch) {
    return new Env(
        home, cwd, new BufferedReader(new StringReader("")), out, err, false, clock, latch);
  }

  /** Runs one command line in-process. */
  public Result cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Cli.run(args, env(o, e, new CountDownLatch(1)));
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /**
   * Starts {@code catchment start --name dev --root <root> [extra]} on a background thread; without
   * a {@code --port} in {@code extra} the HTTP view gets a free port ({@code --port 0}).
   */
  public void start(String... extra) throws InterruptedException {
    if (!Arrays.asList(extra).contains("--port")) {
      extra = Stream.concat(Arrays.stream(extra), Stream.of("--port", "0")).toArray(String[]::new);
    }
    startExactly(extra);
  }

  /** Like {@link #start} but adds nothing: without --port the default port (5000) is used. */
  public void startExactly(String... extra) throws InterruptedException {
    stop = new CountDownLatch(1);
    daemonResult.set(null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    daemonOut = out;
    CountDownLatch latch = stop;
    Env env =
        env(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            latch);
    String[] args = new String[6 + extra.length];
    System.arraycopy(
        new String[] {"catchment", "start", "--name", "dev", "--root", root.toString()},
        0,
        args,
        0,
        6);
    System.arraycopy(extra, 0, args, 6, extra.length);
    daemon =
        new Thread(
            () -> {
              int code = Cli.run(args, env);
              daemonResult.set(new Result(code, out.toString(StandardCharsets.UTF_8), ""));
            },
            "test-daemon");
    daemon.start();
    // "running at" is printed once the daemon has started all through, after it took the lease
    // and wrote a changed port to catchment.toml and the registration.
    await(
        "the daemon to start",
        () ->
            out.toString(StandardCharsets.UTF_8).contains(" running at ")
                || daemonResult.get() != null);
    if (daemonResult.get() != null) {
      fail("daemon exited: " + daemonResult.get());
    }
  }

  /** The port of the running daemon's HTTP view, read from its start-up line "(port N)". */
  public int httpPort() {
    Pattern port = Pattern.compile("running at .* \\(port (\\d+)\\)");
    AtomicReference<Matcher> m = new AtomicReference<>();
    await(
        "the daemon to report its port",
        () -> {
          m.set(port.matcher(daemonOut.toString(StandardCharsets.UTF_8)));
          return m.get().find() || daemonResult.get() != null;
        },
        () -> daemonOut.toString(StandardCharsets.UTF_8));
    if (daemonResult.get() != null) {
      fail("daemon exited: " + daemonResult.get());
    }
    return Integer.parseInt(m.get().group(1));
  }

  /** True once the daemon started by {@link #start} has exited. */
  public boolean daemonStopped() {
    return daemonResult.get() != null;
  }

  /** What the running (or last) daemon printed so far. */
  public String daemonOutput() {
    return daemonOut.toString(StandardCharsets.UTF_8);
  }

  /** The base URL of the running daemon's HTTP view. */
  public String httpUrl() {
    return "http://127.0.0.1:" + httpPort();
  }

  /** Stops the daemon as Ctrl+C would and waits for it. */
  public Result stop() throws InterruptedException {
    if (daemon == null) {
      return null;
    }
    stop.countDown();
    daemon.join(PATIENCE.toMillis());
    daemon = null;
    return daemonResult.get();
  }

  /** The daemon's status of {@code line}, or null. */
  public LineStatus status(String line) {
    return new StatusStore(layout()).read(LineId.parse(line));
  }

  /** Waits until {@code line}'s status satisfies {@code test}. */
  public LineStatus awaitStatus(String line, Predicate<LineStatus> test) {
    AtomicReference<LineStatus> last = new AtomicReference<>();
    await(
        line + " status",
        () -> {
          LineStatus s = status(line);
          last.set(s);
          return s != null && test.test(s);
        },
        () -> "last status: " + last.get() + "\nevents.log:\n" + eventsTail());
    return last.get();
  }

  /** Waits until {@code line} has completed {@code runs} runs and is idle. */
  public LineStatus awaitRuns(String line, long runs) {
    return awaitStatus(line, s -> s.runsCompleted() >= runs && s.runsInFlight() == 0);
  }

  /** The last lines of events.log (and before it events.log.1 ...), for failure messages. */
  public String eventsTail() {
    try {
      List<String> lines = new EventFiles(layout()).lines();
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (UncheckedIOException e) {
      return "(no events.log: " + e.getMessage() + ")";
    }
  }

  public void await(String what, BooleanSupplier condition) {
    await(what, condition, () -> "");
  }

  public void await(String what, BooleanSupplier condition, Supplier<String> detail) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("timed out waiting for " + what + " " + detail.get());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }

  /**
   * Writes the three demo Ponds into {@code inlet/}, {@code pond/}, {@code outlet/} and deploys
   * them.
   */
  public void deployDemos() throws IOException {
    for (String demo : new String[] {"inlet", "pond", "outlet"}) {
      cd(demo);
      cli("pond", "demo", demo).ok();
      cli("deploy", "dev").ok();
    }
    cd("work");
  }

  /** Deploys the one-Ripple Pond {@code solo} ({@code SELECT 1 AS x}) and runs it once. */
  public void deploySolo() throws IOException {
    Projects.write(
        cd("p"), "pond.toml", Projects.toml("solo", "1.0.0"), "src/t.sql", "SELECT 1 AS x");
    cli("deploy", "dev").ok();
    cli("pulse", "dev", "solo").ok();
    awaitRuns("solo@1", 1);
  }

  /**
   * Stops the daemon; an interrupt while waiting for it is kept on the thread and fails the test.
   */
  @Override
  public void close() {
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping the daemon", e);
    }
  }
}
