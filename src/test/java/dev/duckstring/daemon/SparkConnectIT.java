package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duckstring.runner.SparkLibs;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo chain with its middle Pond on Spark through Spark Connect (decision 56): a Connect
 * server the test starts in local mode on a free port, and {@code [spark] remote} pointing at it,
 * gives exactly the rows DuckDB gives. Needs 'make spark' (its connect-server/).
 */
class SparkConnectIT {
  @TempDir Path tmp;

  @Test
  void theMiddlePondThroughSparkConnectGivesTheRowsDuckDbGives() throws Exception {
    SparkLibs libs = SparkLibs.located();
    assumeTrue(libs.hasConnectServer(), () -> "skipped: " + libs.missing());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path serverDir = Files.createDirectories(tmp.resolve("connect-server"));
    Path serverLog = serverDir.resolve("server.log");
    // the server on C1 alone too, as the drivers (SparkPondIT.QUICK_DRIVER): the data is tiny
    List<String> command = new ArrayList<>(libs.connectServer("local[2]", port));
    command.add(1, SparkPondIT.C1_ONLY);
    Process server =
        new ProcessBuilder(command)
            .directory(serverDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(serverLog.toFile())
            .start();
    try {
      awaitStarted(server, serverLog);
      Path root = Files.createDirectories(tmp.resolve("catchment"));
      try (TestCatchment c =
          SparkPondIT.demoChainOnDuckDb(
              SparkPondIT.withSpark(root, "remote = \"sc://localhost:" + port + "\""))) {
        SparkPondIT.assertSparkGivesDuckDbsRows(c, root);
      }
      assertTrue(server.isAlive(), "the Connect server outlived the runs it served");
    } finally {
      server.destroy();
      if (!server.waitFor(30, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor();
      }
    }
  }

  /** Waits until the server says it listens; fails with its log if it dies first. */
  private static void awaitStarted(Process server, Path log)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + SparkPondIT.SPARK_PATIENCE.toNanos();
    while (System.nanoTime() < deadline) {
      String text = Files.exists(log) ? Files.readString(log) : "";
      if (text.contains("Spark Connect server started")) {
        return;
      }
      if (!server.isAlive()) {
        fail("the Spark Connect server exited " + server.exitValue() + ":\n" + text);
      }
      Thread.sleep(200);
    }
    fail("the Spark Connect server did not start:\n" + Files.readString(log));
  }
}
