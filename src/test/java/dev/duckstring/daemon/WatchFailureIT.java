package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.manifest.CatchmentConfig;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An exception while the watcher handles one file-system event is journaled and becomes a full
 * rescan; the watcher keeps watching. The periodic scan is an hour away, so only the watcher (and
 * the rescan it asks for) can make the two signals run.
 */
class WatchFailureIT {
  @TempDir Path tmp;

  @Test
  void anEventWhoseHandlingThrowsIsJournaledRescannedAndWatchingGoesOn() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo(); // one run
      c.stop();
      CatchmentLayout layout = c.layout();
      CatchmentConfig read = CatchmentConfig.read(layout.config());
      CatchmentConfig config =
          new CatchmentConfig(
              read.name(), 0, read.bind(), true, Duration.ofHours(1), read.workers(), null);
      AtomicInteger thrown = new AtomicInteger();
      try (Daemon daemon = new Daemon(layout, config, Clock.systemUTC())) {
        daemon.watchHook(
            changed -> {
              if (changed.getFileName().toString().equals("pulse.first")
                  && thrown.compareAndSet(0, 1)) {
                throw new IllegalStateException("test: the handling of this event fails");
              }
            });
        assertEquals(Daemon.State.NEW, daemon.state());
        daemon.start();
        assertEquals(Daemon.State.RUNNING, daemon.state());

        drop(layout.signals("solo"), "pulse.first");
        c.awaitRuns("solo@1", 2); // only the rescan that replaced the failed event claims it
        assertEquals(1, thrown.get());
        List<String> failed =
            Files.readAllLines(layout.eventsLog()).stream()
                .filter(
                    l ->
                        l.contains("daemon_error")
                            && l.contains("test: the handling of this event fails"))
                .toList();
        assertEquals(1, failed.size(), "journaled once: " + failed);
        assertTrue(
            failed.get(0).contains("pulse.first")
                && failed.get(0).contains("rescanning everything"),
            failed.get(0));

        drop(layout.signals("solo"), "pulse.second");
        c.awaitRuns("solo@1", 3); // the watcher still watches
        assertNull(daemon.failure());
        assertEquals(Daemon.State.RUNNING, daemon.state());
      }
    }
  }

  /** Drops an empty signal file into {@code inbox} at once (a rename from a dot-name). */
  private static void drop(Path inbox, String name) throws Exception {
    Path temp = Files.writeString(inbox.resolve(".stage-" + name), "");
    Files.move(temp, inbox.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }
}
