package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.fs.Json;
import dev.duckstring.fs.LocalDisks;
import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseTest {
  @TempDir Path root;
  private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void aLiveHolderIsNamedAndAReleasedLeaseCanBeRetaken() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    Lease lease = Lease.acquire(layout, now);
    assertTrue(lease.kernelLocked(), "a local file system honours kernel locks");
    assertEquals(ProcessHandle.current().pid(), Lease.read(layout).pid());
    assertEquals(
        Lease.read(layout),
        Json.readFile(layout.lock(), Lease.Holder.class),
        "catchment.lock shows the holder");
    String e =
        assertThrows(DuckstringException.class, () -> Lease.acquire(layout, now)).getMessage();
    assertTrue(e.contains("already served by pid " + ProcessHandle.current().pid()), e);
    // The lease files alone refuse too (a file system without kernel locks).
    e =
        assertThrows(DuckstringException.class, () -> Lease.acquire(layout, now, false))
            .getMessage();
    assertTrue(e.contains("already served by pid " + ProcessHandle.current().pid()), e);
    lease.release();
    assertNull(Lease.read(layout));
    assertFalse(Files.exists(layout.lock()), "the link for people is removed on a clean stop");
    Lease again = Lease.acquire(layout, now);
    assertEquals(lease.generation() + 1, again.generation(), "generations only grow");
    again.release();
    try (var s = Files.list(root)) {
      assertEquals(
          Set.of("catchment.lock.kernel", "catchment.lock." + again.generation()),
          s.map(p -> p.getFileName().toString()).collect(Collectors.toSet()),
          "no temporaries or older generations left");
    }
  }

  @Test
  void aStaleLockIsTakenOver() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    // An older version's catchment.lock of a dead process on this host (pid beyond any real one).
    Files.writeString(
        layout.lock(), Json.write(new Lease.Holder(Lease.hostName(), Long.MAX_VALUE, now, now)));
    Lease first = Lease.acquire(layout, now, false);
    assertEquals(1, first.generation());
    assertTrue(Files.isSymbolicLink(layout.lock()), "the old regular file is replaced by the link");
    first.release();
    // A silent other host: alive until its heartbeat is older than STALE_AFTER.
    writeGeneration(layout, 7, new Lease.Holder("elsewhere", 1, now, now, 7, false));
    assertThrows(DuckstringException.class, () -> Lease.acquire(layout, now.plusSeconds(5)));
    Lease taken = Lease.acquire(layout, now.plus(Lease.STALE_AFTER).plusSeconds(1));
    assertEquals(8, taken.generation());
    assertEquals(ProcessHandle.current().pid(), Lease.read(layout).pid());
    assertFalse(Files.exists(layout.lockGeneration(7)), "older generations are removed");
    taken.release();
    Files.writeString(layout.lockGeneration(9), "garbage");
    Lease.acquire(layout, now).release();
  }

  @Test
  void withTheKernelLockALiveProcessOnThisHostThatReusedADeadHoldersPidIsNoHolder()
      throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    long alive = ProcessHandle.current().parent().orElseThrow().pid();
    writeGeneration(layout, 3, new Lease.Holder(Lease.hostName(), alive, now, now, 3, false));
    assertThrows(
        DuckstringException.class,
        () -> Lease.acquire(layout, now, false),
        "without it, a live pid holds");
    Lease lease = Lease.acquire(layout, now);
    assertEquals(4, lease.generation());
    lease.release();
  }

  @Test
  void twoContendersOverAStaleLockExactlyOneWinsIn200Races() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (int race = 0; race < 200; race++) {
        CatchmentLayout layout = new CatchmentLayout(root.resolve("r" + race));
        Files.createDirectories(layout.root());
        LeaseRaces.staleLock(layout, race);
        CyclicBarrier go = new CyclicBarrier(2);
        List<Future<Lease>> both = new ArrayList<>();
        for (int c = 0; c < 2; c++) {
          both.add(
              pool.submit(
                  () -> {
                    go.await();
                    try {
                      return Lease.acquire(layout, now, false);
                    } catch (DuckstringException e) {
                      return null;
                    }
                  }));
        }
        List<Lease> winners = new ArrayList<>();
        for (Future<Lease> f : both) {
          if (f.get() != null) {
            winners.add(f.get());
          }
        }
        assertEquals(1, winners.size(), "race " + race + ": exactly one winner");
        assertTrue(winners.get(0).held());
        winners.forEach(Lease::release);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theHeartbeatNeverOverwritesAnotherHoldersLeaseAndTheOldHolderLearnsItLostIt()
      throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    Lease old = Lease.acquire(layout, now, false);
    old.heartbeat(now.plusSeconds(10));
    assertEquals(now.plusSeconds(10), Lease.read(layout).heartbeat());
    // Another host sees the heartbeat age past STALE_AFTER (the old daemon was paused) and takes
    // over.
    Lease.Holder other =
        new Lease.Holder(
            "elsewhere", 42, now.plusSeconds(60), now.plusSeconds(60), old.generation() + 1, false);
    writeGeneration(layout, old.generation() + 1, other);
    byte[] before = Files.readAllBytes(layout.lockGeneration(old.generation() + 1));
    assertFalse(old.held());
    String e =
        assertThrows(Lease.Lost.class, () -> old.heartbeat(now.plusSeconds(70))).getMessage();
    assertTrue(e.contains("taken over by pid 42 on elsewhere"), e);
    assertThrows(Lease.Lost.class, old::check);
    assertArrayEquals(before, Files.readAllBytes(layout.lockGeneration(old.generation() + 1)));
    assertEquals(other, Lease.read(layout));
    old.release();
    assertEquals(other, Lease.read(layout), "a lost lease gives nothing back");
    // The same through the protocol: a second contender in this process takes over a stale lease.
    CatchmentLayout second = new CatchmentLayout(root.resolve("second"));
    Lease a = Lease.acquire(second, now, false);
    Lease b = Lease.acquire(second, now.plus(Lease.STALE_AFTER).plusSeconds(1), false);
    byte[] bBefore = Files.readAllBytes(second.lockGeneration(b.generation()));
    assertThrows(Lease.Lost.class, () -> a.heartbeat(now.plus(Lease.STALE_AFTER).plusSeconds(2)));
    assertArrayEquals(bBefore, Files.readAllBytes(second.lockGeneration(b.generation())));
    assertEquals(b.generation(), Lease.read(second).generation());
    a.release();
    assertTrue(b.held());
    b.release();
  }

  static void writeGeneration(CatchmentLayout layout, long n, Lease.Holder h) throws Exception {
    LeaseRaces.writeGeneration(layout, n, h);
  }

  @Test
  void whereTheKernelLockDecidesAWriteAsksOnlyWhetherACheckFailed() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    Assumptions.assumeTrue(LocalDisks.holds(root), "the temporary directory is on a local disk");
    Lease lease = Lease.acquire(layout, now);
    assertTrue(lease.lockDecides(), "held, on a local file system (decision 73)");
    lease.fence();
    // A lease file made by hand (no daemon can take a root whose kernel lock is held).
    long next = lease.generation() + 1;
    writeGeneration(layout, next, new Lease.Holder("elsewhere", 1, now, now, next, false));
    lease.fence(); // lists nothing: the next full check, before a batch, sees it
    String why = assertThrows(Lease.Lost.class, lease::check).getMessage();
    assertTrue(why.contains("taken over by pid 1 on elsewhere"), why);
    assertEquals(why, assertThrows(Lease.Lost.class, lease::fence).getMessage(), "then refuses");
    assertEquals(why, assertThrows(Lease.Lost.class, lease::fence).getMessage(), "for good");
  }

  @Test
  void withoutAKernelLockEveryWriteChecksTheLeaseFiles() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    Lease lease = Lease.acquire(layout, now, false);
    assertFalse(lease.lockDecides());
    lease.fence();
    long next = lease.generation() + 1;
    writeGeneration(layout, next, new Lease.Holder("elsewhere", 1, now, now, next, false));
    String why = assertThrows(Lease.Lost.class, lease::fence).getMessage();
    assertTrue(why.contains("taken over by pid 1 on elsewhere"), why);
  }
}
