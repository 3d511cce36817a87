package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Lease;
import dev.duckstring.catchment.LeaseRaces;
import dev.duckstring.model.LineId;
import dev.duckstring.testing.MutableClock;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease on the real daemon: a daemon that lost it stops writing; a full disk does not stop it.
 */
class LeaseIT {
  @TempDir Path tmp;

  @Test
  void aDaemonWhoseLeaseWasTakenOverStopsWritingAndStops() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();
      CatchmentLayout layout = c.layout();
      LineId line = new LineId("solo", 1);
      // A run in flight when the lease goes: its Ripple ends after the takeover, and must not
      // publish.
      Path gate = tmp.resolve("gate");
      Path began = tmp.resolve("began");
      Projects.write(
          c.cd("slow"),
          "pond.toml",
          Projects.toml("slow", "1.0.0")
              + "[ripples.wait]\ncommand = [\"sh\", \"-c\", \"touch "
              + began
              + "; while [ ! -f "
              + gate
              + " ]; do sleep 0.05; done; echo 1 > $DUCKSTRING_OUT/v.txt\"]\n");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "slow").ok();
      c.await("the slow Ripple to start", () -> Files.exists(began));

      // Another host, whose kernel lock this one cannot see (NFS without lock service), found the
      // lease stale and took the next generation, as the lease protocol does.
      long next = highestGeneration(layout) + 1;
      Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
      Lease.Holder other = new Lease.Holder("elsewhere", 4242, now, now, next, false);
      LeaseRaces.writeGeneration(layout, next, other);
      byte[] theirs = Files.readAllBytes(layout.lockGeneration(next));

      c.await("the daemon to journal lease_lost", () -> c.eventsTail().contains("\"lease_lost\""));
      Files.writeString(gate, "open");
      Path events = layout.eventsLog();
      Thread.sleep(500); // let the stopping daemon finish whatever it still does
      byte[] journal = Files.readAllBytes(events);
      byte[] state = Files.readAllBytes(layout.state(line));
      byte[] status = Files.readAllBytes(layout.status(line));
      Path pulse = layout.signals("solo").resolve("pulse.after");
      Files.writeString(pulse, "");
      Thread.sleep(3000); // longer than the poll interval: a live daemon would claim the pulse

      assertTrue(Files.exists(pulse), "the pulse is left for the new holder");
      assertTrue(
          Files.notExists(layout.current(new LineId("slow", 1))),
          "the run in flight was not published");
      assertArrayEquals(journal, Files.readAllBytes(events), "nothing more is journaled");
      assertArrayEquals(state, Files.readAllBytes(layout.state(line)), "state.json untouched");
      assertArrayEquals(status, Files.readAllBytes(layout.status(line)), "status.json untouched");
      List<String> lines = Files.readAllLines(events);
      assertTrue(
          lines.get(lines.size() - 1).contains("was taken over by pid 4242 on elsewhere"),
          lines.get(lines.size() - 1));
      assertArrayEquals(
          theirs, Files.readAllBytes(layout.lockGeneration(next)), "their lease file untouched");
      assertEquals(other, Lease.read(layout));
      TestCatchment.Result r = c.stop();
      assertEquals(1, r.code(), r.out());
      assertTrue(r.out().contains("was taken over by pid 4242 on elsewhere"), r.out());
    }
  }

  @Test
  void aFullDiskDoesNotStopTheDaemonAndTheHeartbeatGoesOn() throws Exception {
    Path mnt = Files.createDirectories(tmp.resolve("small"));
    Process mount =
        new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", mnt.toString())
            .redirectErrorStream(true)
            .start();
    String why = new String(mount.getInputStream().readAllBytes()).trim();
    Assumptions.assumeTrue(
        mount.waitFor(30, TimeUnit.SECONDS) && mount.exitValue() == 0,
        "skipped: cannot mount a 2 MB tmpfs here (" + why + ")");
    try {
      MutableClock clock = new MutableClock(Instant.now());
      try (TestCatchment c = new TestCatchment(mnt, clock)) {
        c.start();
        c.httpPort(); // started: the lease taken and the start journaled
        CatchmentLayout layout = c.layout();
        fill(mnt.resolve("filler"));
        for (int beat = 1; beat <= 3; beat++) {
          clock.advance(Duration.ofSeconds(11)); // a heartbeat is due at the next turn of the loop
          Instant due = clock.instant().truncatedTo(ChronoUnit.SECONDS);
          c.await(
              "heartbeat " + beat + " on the full disk",
              () -> {
                Lease.Holder h = Lease.read(layout);
                return h != null && !h.heartbeat().isBefore(due);
              });
        }
        Files.delete(mnt.resolve("filler"));
        TestCatchment.Result r = c.stop();
        assertEquals(0, r.code(), r.out());
      }
    } finally {
      new ProcessBuilder("umount", mnt.toString())
          .inheritIO()
          .start()
          .waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** Writes until the file system says it is full. */
  private static void fill(Path file) throws IOException {
    byte[] chunk = new byte[16 * 1024];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException full) {
      assertTrue(String.valueOf(full.getMessage()).contains("No space left"), full.toString());
    }
  }

  private static long highestGeneration(CatchmentLayout layout) throws IOException {
    try (var s = Files.list(layout.root())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.matches("catchment\\.lock\\.[0-9]+"))
          .mapToLong(n -> Long.parseLong(n.substring("catchment.lock.".length())))
          .max()
          .orElse(0);
    }
  }
}
