package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.manifest.CatchmentConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A daemon is constructed without I/O or threads, and its lifecycle state only moves forward. */
class DaemonLifecycleTest {
  @TempDir Path tmp;

  @Test
  void constructingTouchesNothingAndANewDaemonClosesWithoutStarting() throws Exception {
    Path root = tmp.resolve("root");
    Set<String> before = duckstringThreads();
    Daemon daemon =
        new Daemon(
            new CatchmentLayout(root), CatchmentConfig.defaults("dev", 0), Clock.systemUTC());
    assertFalse(Files.exists(root), "the constructor does no I/O");
    assertEquals(before, duckstringThreads(), "the constructor starts no thread");
    assertEquals(Daemon.State.NEW, daemon.state());
    assertFalse(daemon.isStopped());
    assertNull(daemon.writeProblem());

    daemon.close();
    assertEquals(Daemon.State.STOPPED, daemon.state());
    assertTrue(daemon.isStopped());
    daemon.awaitStop(); // returns at once
    IllegalStateException again = assertThrows(IllegalStateException.class, daemon::start);
    assertEquals("the daemon is stopped, not new", again.getMessage());
    assertFalse(Files.exists(root));
  }

  private static Set<String> duckstringThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("duckstring-"))
        .collect(Collectors.toSet());
  }
}
