package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.duckstring.model.LineId;
import dev.duckstring.testing.TestCatchment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start that must refuse says so in one line naming the file and the problem, and holds no lease.
 */
class StartRefusalIT {
  @TempDir Path tmp;

  /** Runs {@code catchment start}; fails the test if it starts instead of refusing. */
  private static TestCatchment.Result start(TestCatchment c) throws Exception {
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
                          "0",
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
}
