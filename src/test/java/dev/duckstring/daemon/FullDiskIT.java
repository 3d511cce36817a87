package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk on the real daemon: the root is a small tmpfs that the test fills. Needs root (to
 * mount); aborted with the reason where mounting is not allowed.
 */
class FullDiskIT {
  private static final String ENOSPC = "No space left on device";

  @TempDir Path tmp;
  private Path mount;

  @BeforeEach
  void mountTmpfs() throws Exception {
    mount = Files.createDirectories(tmp.resolve("dev")); // TestCatchment's root
    String uid = run("id", "-u");
    Assumptions.assumeTrue(
        uid.strip().equals("0"), "mounting a tmpfs needs root (uid " + uid.strip() + ")");
    String out = run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mount.toString());
    Assumptions.assumeTrue(isMounted(), "cannot mount a tmpfs here: " + out.strip());
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null && isMounted()) {
      run("umount", "-l", mount.toString());
    }
  }

  @Test
  void aRunThatCannotWriteFailsKeepsTheLastGenerationAndIsRetriedWhenSpaceReturns()
      throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.cli("pulse", "dev", "outlet").ok();
      c.awaitRuns("outlet@1", 1);
      LineId inlet = new LineId("inlet", 1);
      String current = Files.readString(c.layout().current(inlet));
      Path generation = new Generations(c.layout()).current(inlet).orElseThrow();
      Map<String, Long> published = sizes(generation);
      long inletRuns = c.status("inlet@1").runsCompleted();

      Path filler = fill(64 * 1024); // a little space is left: small files fit, the data does not
      // A pulse is an empty file: dropping it needs no space.
      Files.createFile(c.layout().signals("outlet").resolve("pulse.full"));
      AtomicReference<RunRecord> record = new AtomicReference<>();
      LineStatus failed =
          c.awaitStatus(
              "inlet@1",
              s -> {
                if (s.error() == null || !s.error().contains(ENOSPC) || s.lastRun() == null) {
                  return false;
                }
                record.set(new RunRecords(c.layout()).read(inlet, s.lastRun().id()));
                return record.get() != null && record.get().state() == RunOutcome.FAILED;
              });
      assertEquals(LineState.FAILED, failed.state());
      assertFalse(failed.error().contains("\n"), failed.error());
      assertTrue(record.get().error().contains(ENOSPC), record.get().error());
      assertFalse(record.get().error().contains("\n"), record.get().error());
      assertEquals(current, Files.readString(c.layout().current(inlet)), "CURRENT is unchanged");
      assertEquals(published, sizes(generation), "the last good generation is intact");
      assertTrue(c.status("outlet@1").runsCompleted() == 1);

      // Space returns: the failed run is retried by itself; the pulse held downstream is served.
      Files.delete(filler);
      LineStatus recovered =
          c.awaitStatus("inlet@1", s -> s.runsCompleted() > inletRuns && s.runsInFlight() == 0);
      assertEquals(RunOutcome.SUCCESS, recovered.lastRun().outcome());
      assertEquals(null, recovered.error());
      LineStatus outlet = c.awaitRuns("outlet@1", 2);
      assertEquals(null, outlet.error());
      assertTrue(Files.isDirectory(generation), "the older generation is kept");
      assertEquals(List.of(), temporaries(c), "no partial temporaries are left");
    }
  }

  @Test
  void theDaemonStartsOnAFullDiskReportsItKeepsRunningAndRecovers() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.cli("pulse", "dev", "outlet").ok();
      c.awaitRuns("outlet@1", 1);
      c.stop();

      // Not one free byte. The stopped daemon's lease file is taken over in place (the kernel lock
      // rules out a race), which needs no new block: the daemon starts and reports the condition.
      Path filler = fill(0);
      c.start();
      // A bad signal cannot be moved aside with its .reason now; it must not hold up the tap.
      Files.createFile(c.layout().signals("outlet").resolve("bogus.full"));
      Path tap = Files.createFile(c.layout().signals("outlet").resolve("tap.full"));
      c.await(
          "the daemon to report the full disk",
          () -> c.daemonOutput().contains("warning: ") && c.daemonOutput().contains(ENOSPC),
          c::daemonOutput);
      c.await("the tap to be claimed", () -> !Files.exists(tap), c::daemonOutput);
      // It keeps serving while the disk stays full (longer than a heartbeat period).
      Thread.sleep(16_000);
      assertFalse(c.daemonStopped(), c.daemonOutput());

      Files.delete(filler);
      c.await(
          "the daemon to report that writes work",
          () -> c.daemonOutput().contains("writes work again"),
          c::daemonOutput);
      LineStatus outlet = c.awaitRuns("outlet@1", 2);
      assertEquals(null, outlet.error());
      Path rejected = c.layout().rejectedSignals("outlet");
      c.await(
          "the bad signal to be rejected with its reason",
          () -> {
            try (Stream<Path> s = Files.list(rejected)) {
              return s.anyMatch(p -> p.getFileName().toString().endsWith("bogus.full.reason"));
            } catch (IOException e) {
              return false;
            }
          });
      String events = Files.readString(c.layout().eventsLog());
      assertTrue(events.contains("\"write_recovered\""), c.eventsTail());
      assertEquals(
          1,
          count(c.daemonOutput(), "warning: "),
          "reported once, not per attempt: " + c.daemonOutput());
      c.stop();

      // A root with no lease file to take over (a new one) needs one block: on a full disk the
      // start is refused in one line naming the lease file, and leaves no lease behind.
      try (Stream<Path> s = Files.list(c.root())) {
        for (Path p :
            s.filter(x -> x.getFileName().toString().matches("catchment\\.lock(\\.\\d+)?"))
                .toList()) {
          Files.delete(p);
        }
      }
      Path full = fill(0);
      CompletableFuture<TestCatchment.Result> start =
          CompletableFuture.supplyAsync(
              () ->
                  c.cli(
                      "catchment",
                      "start",
                      "--name",
                      "dev",
                      "--root",
                      c.root().toString(),
                      "--port",
                      "0"));
      TestCatchment.Result refused =
          start.get(60, TimeUnit.SECONDS); // a daemon that started would not return
      assertEquals(1, refused.code(), refused.toString());
      assertEquals(1, refused.err().strip().lines().count(), refused.err());
      assertTrue(
          refused.err().contains("catchment.lock") && refused.err().contains(ENOSPC),
          refused.err());
      assertFalse(Files.exists(c.layout().lock(), LinkOption.NOFOLLOW_LINKS));
      Files.delete(full);
    }
  }

  /** Fills the tmpfs until it is full, then frees {@code leave} bytes; returns the filler. */
  private Path fill(long leave) throws IOException {
    return fill(".filler", leave);
  }

  private Path fill(String name, long leave) throws IOException {
    Path filler = mount.resolve(name);
    ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
    try (FileChannel ch =
        FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      try {
        while (true) {
          chunk.clear();
          while (chunk.hasRemaining()) {
            ch.write(chunk);
          }
        }
      } catch (IOException full) {
        assertTrue(String.valueOf(full.getMessage()).contains(ENOSPC), String.valueOf(full));
      }
    }
    free(filler, leave);
    return filler;
  }

  private static void free(Path filler, long bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(filler, StandardOpenOption.WRITE)) {
      ch.truncate(Math.max(0, ch.size() - bytes));
    }
  }

  private static Map<String, Long> sizes(Path dir) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.size(p));
      }
    }
    return out;
  }

  private static List<String> temporaries(TestCatchment c) throws IOException {
    try (Stream<Path> s = Files.walk(c.layout().root().resolve("ponds"))) {
      return s.map(p -> c.layout().root().relativize(p).toString())
          .filter(p -> p.contains("/.tmp-") && (p.contains("/data/") || p.contains("/work/")))
          .toList();
    }
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private boolean isMounted() throws Exception {
    return run("findmnt", "-n", "-o", "FSTYPE", "--target", mount.toString())
            .strip()
            .equals("tmpfs")
        && run("findmnt", "-n", "-o", "TARGET", "--target", mount.toString())
            .strip()
            .equals(mount.toString());
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(30, TimeUnit.SECONDS);
    return out;
  }
}
