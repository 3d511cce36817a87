package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.manifest.CatchmentConfig;
import dev.duckstring.manifest.Registrations;
import dev.duckstring.testing.TestCatchment;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** catchment start (prompting, reopening), connect and list. */
class CatchmentCommandsIT {
  @TempDir Path tmp;

  @Test
  void startPromptsForWhatIsMissingWhenInteractive() throws Exception {
    Path home = Files.createDirectories(tmp.resolve("home"));
    Path root = tmp.resolve("prompted");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CountDownLatch stop = new CountDownLatch(1);
    Env env =
        new Env(
            home,
            tmp,
            new BufferedReader(new StringReader("staging\n" + root + "\n0\n")),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            true,
            Clock.systemUTC(),
            stop);
    AtomicInteger code = new AtomicInteger(-1);
    Thread t = new Thread(() -> code.set(Cli.run(new String[] {"catchment", "start"}, env)));
    t.start();
    long deadline = System.nanoTime() + TestCatchment.PATIENCE.toNanos();
    while (!Files.exists(root.resolve("catchment.lock")) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    stop.countDown();
    t.join(TestCatchment.PATIENCE.toMillis());
    String printed = out.toString(StandardCharsets.UTF_8);
    assertEquals(0, code.get(), printed);
    assertTrue(printed.contains("Catchment name [dev]: "), printed);
    assertTrue(printed.contains("Root directory [~/.duckstring/staging]: "), printed);
    assertTrue(printed.contains("Port [5000]: "), printed);
    CatchmentConfig config = CatchmentConfig.read(root.resolve("catchment.toml"));
    assertEquals("staging", config.name());
    assertEquals(0, config.port());
    assertEquals(
        root.toString(),
        Registrations.load(home.resolve(".duckstring/config.toml")).require("staging").path());
  }

  @Test
  void defaultsWithoutATerminalAndReopensAnExistingRoot() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.startExactly(); // --name dev --root <tmp>/dev, no --port: defaulted, not prompted
      assertEquals(5000, CatchmentConfig.read(c.root().resolve("catchment.toml")).port());
      c.stop();
      c.start("--port", "0");
      assertEquals(
          0,
          CatchmentConfig.read(c.root().resolve("catchment.toml")).port(),
          "reopened, port updated");
      c.stop();
      TestCatchment.Result other =
          c.cli("catchment", "start", "--name", "prod", "--root", c.root().toString());
      assertEquals(1, other.code());
      assertTrue(
          other.err().contains("this root belongs to catchment 'dev', not 'prod'"), other.err());
    }
  }

  @Test
  void connectRegistersAnExistingRootAndListShowsIt() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.cli("catchment", "connect", "--name", "mounted", "--path", c.root().toString()).ok();
      String list = c.cli("catchment", "list").ok().out();
      assertTrue(
          list.contains("mounted") && list.contains("pid " + ProcessHandle.current().pid()), list);
      c.cli("pulse", "mounted", "outlet").ok();
      c.awaitRuns("outlet@1", 1);
      TestCatchment.Result notRoot =
          c.cli("catchment", "connect", "--name", "x", "--path", tmp.toString());
      assertEquals(1, notRoot.code());
      assertTrue(
          notRoot.err().contains("is not a Catchment root (no catchment.toml)"), notRoot.err());
      c.cli("catchment", "connect", "--name", "remote", "--path", "http://127.0.0.1:9").ok();
      TestCatchment.Result write = c.cli("pulse", "remote", "outlet");
      assertEquals(1, write.code());
      assertTrue(write.err().contains("connected over HTTP"), write.err());
      assertTrue(write.err().contains("read-only"), write.err());
    }
  }
}
