package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.duckstring.model.LineId;
import dev.duckstring.testing.TestCatchment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that must refuse says so in one line naming the file and the problem, and holds no lease.
 */
class StartRefusalIT {
  @TempDir Path tmp;

  /** Runs {@code catchment start}; fails the test if it starts instead of refusing. */
  private static TestCatchment.Result start(TestCatchment c) throws Exception {
    return start(c, "0");
  }

  private static TestCatchment.Result start(TestCatchment c, String port) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger code = new AtomicInteger(-1);
    Env env =
        c.env(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            stop);
    Thread t =
        new Thread(
            () ->
                code.set(
                    Cli.run(
                        new String[] {
                          "catchment",
                          "start",
                          "--name",
                          "dev",
                          "--port",
                          port,
                          "--root",
                          c.root().toString()
                        },
                        env)));
    t.start();
    t.join(TestCatchment.PATIENCE.toMillis());
    if (t.isAlive() || out.toString(StandardCharsets.UTF_8).contains("running at")) {
      stop.countDown();
      t.join(TestCatchment.PATIENCE.toMillis());
      fail("the daemon started instead of refusing: " + out.toString(StandardCharsets.UTF_8));
    }
    return new TestCatchment.Result(
        code.get(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static void refuses(TestCatchment c, String message) throws Exception {
    TestCatchment.Result r = start(c);
    assertEquals(1, r.code(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertTrue(r.err().contains(message), message + " in " + r.err());
    assertFalse(Files.exists(c.layout().lock()), "no lease is held");
  }

  @Test
  void malformedFilesReadAtStartAreNamedInOneLine() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.stop();
      // catchment.toml: TOML is UTF-8, even in a comment.
      Path config = c.layout().config();
      byte[] good = Files.readAllBytes(config);
      Files.write(config, new byte[] {'#', ' ', (byte) 0xc3, '(', '\n'}, StandardOpenOption.APPEND);
      refuses(c, config + ": error: not valid UTF-8 at byte offset " + (good.length + 2));
      Files.write(config, good);
      // A [spark] section with a typo (decision 55).
      Files.writeString(
          config, "[spark]\nmaster = \"local[2]\"\nmastr = \"x\"\n", StandardOpenOption.APPEND);
      long sparkLine = new String(good, StandardCharsets.UTF_8).lines().count() + 3;
      refuses(
          c,
          config
              + ":"
              + sparkLine
              + ":1: error: unknown key 'spark.mastr' (did you mean 'master'?)");
      Files.write(config, good);
      // The registrations file in the user's home.
      Path regs = c.home().resolve(".duckstring").resolve("config.toml");
      byte[] registered = Files.readAllBytes(regs);
      Files.write(regs, new byte[] {'#', (byte) 0xff, '\n'}, StandardOpenOption.APPEND);
      refuses(c, regs + ": error: not valid UTF-8 at byte offset " + (registered.length + 1));
      Files.write(regs, registered);
      c.start();
    }
  }

  @Test
  void aGarbledStatusFileIsNamedByTheCommandThatReadsIt() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();
      c.stop();
      Path status = c.layout().status(new LineId("solo", 1));
      Files.write(status, new byte[] {'{', (byte) 0xfe, '}'});
      TestCatchment.Result r = c.cli("status", "dev", "--all");
      assertEquals(1, r.code(), r.toString());
      assertEquals(
          "duckstring status: " + status + ": error: not valid UTF-8 at byte offset 1",
          r.err().strip());
      Files.writeString(status, "{\"line\": [1,\n2]}");
      r = c.cli("status", "dev", "--all");
      assertEquals(1, r.err().strip().lines().count(), r.err());
      assertTrue(r.err().contains(status + ": error: invalid JSON: "), r.err());
    }
  }

  @Test
  void aStartRefusedBecauseTheRootIsServedChangesNoFile() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start(); // an idle root: no Pond, so the running daemon writes nothing but its heartbeat
      c.httpPort(); // started all through (events.log is created after the lease)
      Path regs = c.home().resolve(".duckstring").resolve("config.toml");
      Map<Path, Object> before = snapshot(c.root(), regs);
      int otherPort;
      try (ServerSocket s = new ServerSocket(0)) {
        otherPort = s.getLocalPort();
      }
      TestCatchment.Result r = start(c, String.valueOf(otherPort));
      assertEquals(1, r.code(), r.toString());
      assertTrue(
          r.err().contains("is already served by pid " + ProcessHandle.current().pid()), r.err());
      Map<Path, Object> after = snapshot(c.root(), regs);
      assertEquals(before.keySet(), after.keySet(), "a refused start creates or removes no file");
      for (Path p : before.keySet()) {
        assertEquals(before.get(p), after.get(p), p + " is unchanged by a refused start");
      }
    }
  }

  /**
   * Every file under {@code root} and {@code regs}: its bytes and its identity (a rewrite with the
   * same bytes is a change too). The lease files' contents are left out: the holder's heartbeat
   * rewrites them in place; so is events.log, where a running daemon may journal a slow batch.
   */
  private static Map<Path, Object> snapshot(Path root, Path regs) throws IOException {
    Map<Path, Object> files = new TreeMap<>();
    List<Path> all;
    try (Stream<Path> walk = Files.walk(root)) {
      all =
          new ArrayList<>(
              walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList());
    }
    all.add(regs);
    for (Path p : all) {
      if (Files.isSymbolicLink(p)) {
        files.put(p, "-> " + Files.readSymbolicLink(p)); // catchment.lock names the lease file
        continue;
      }
      String name = p.getFileName().toString();
      boolean skipBytes = name.startsWith("catchment.lock.") || name.equals("events.log");
      BasicFileAttributes a =
          Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      files.put(
          p,
          List.of(
              String.valueOf(a.fileKey()),
              skipBytes ? "" : Base64.getEncoder().encodeToString(Files.readAllBytes(p))));
    }
    return files;
  }
}
