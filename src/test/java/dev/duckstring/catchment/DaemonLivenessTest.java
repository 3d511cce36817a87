package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.DaemonLiveness.Here;
import dev.duckstring.catchment.DaemonLiveness.Verdict;
import dev.duckstring.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The liveness decision on an injected clock and process table: on this host the pid decides (a
 * dead or reused pid is gone), on another host the heartbeat's age against the takeover bound.
 */
class DaemonLivenessTest {
  private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
  private final MutableClock clock = new MutableClock(T0);

  /**
   * This host, "here", where pid 100 was started a minute before T0 and every other pid is dead.
   */
  private static final Here HERE =
      new Here("here", 1, pid -> Optional.ofNullable(Map.of(100L, T0.minusSeconds(60)).get(pid)));

  private static Lease.Holder holder(String host, long pid, Instant heartbeat) {
    return new Lease.Holder(host, pid, T0.minusSeconds(50), heartbeat, 3, false);
  }

  @Test
  void onThisHostTheDaemonLivesWhileItsPidDoes() {
    // The heartbeat does not matter here: a live pid is alive even with an old one.
    Lease.Holder live = holder("here", 100, T0.minusSeconds(50));
    clock.advance(Duration.ofHours(1));
    assertEquals(Verdict.ALIVE, DaemonLiveness.judge(live, clock.instant(), HERE).verdict());

    DaemonLiveness dead = DaemonLiveness.judge(holder("here", 4242, T0), clock.instant(), HERE);
    assertEquals(Verdict.GONE, dead.verdict());
    assertFalse(dead.alive());
    assertEquals("pid 4242 on here is gone (last heartbeat 1h00m ago)", dead.describe());
  }

  @Test
  void aPidReusedByAProcessStartedAfterTheLeaseIsGone() {
    // pid 100 started a minute before T0; a lease taken two minutes before T0 was not its.
    Lease.Holder older = new Lease.Holder("here", 100, T0.minusSeconds(120), T0, 3, false);
    assertEquals(Verdict.GONE, DaemonLiveness.judge(older, T0, HERE).verdict());
    // A start within the slack of the lease's (whole-second) start is the holder itself.
    Lease.Holder same = new Lease.Holder("here", 100, T0.minusSeconds(62), T0, 3, false);
    assertEquals(Verdict.ALIVE, DaemonLiveness.judge(same, T0, HERE).verdict());
  }

  @Test
  void onAnotherHostTheHeartbeatIsAliveUpToTheTakeoverBound() {
    Lease.Holder remote = holder("there", 100, T0);
    assertEquals(Verdict.ALIVE, DaemonLiveness.judge(remote, clock.instant(), HERE).verdict());
    clock.advance(Lease.STALE_AFTER.minusSeconds(1));
    assertEquals(Verdict.ALIVE, DaemonLiveness.judge(remote, clock.instant(), HERE).verdict());
    clock.advance(Duration.ofSeconds(1));
    DaemonLiveness stale = DaemonLiveness.judge(remote, clock.instant(), HERE);
    assertEquals(Verdict.GONE, stale.verdict(), "a heartbeat as old as the bound is gone");
    assertEquals("pid 100 on there is gone (last heartbeat 30s ago)", stale.describe());
    // The pid number means nothing across hosts: pid 4242 is dead here, but there it is fresh.
    assertEquals(
        Verdict.ALIVE, DaemonLiveness.judge(holder("there", 4242, T0), T0, HERE).verdict());
  }

  @Test
  void aCleanStopAndNoLeaseAreNotAlive() {
    Lease.Holder stopped = new Lease.Holder("here", 100, T0, T0, 3, true);
    DaemonLiveness d = DaemonLiveness.judge(stopped, T0.plusSeconds(185), HERE);
    assertEquals(Verdict.STOPPED, d.verdict());
    assertEquals("stopped cleanly (last heartbeat 3m05s ago)", d.describe());
    DaemonLiveness none = DaemonLiveness.judge(null, T0, HERE);
    assertEquals(Verdict.NONE, none.verdict());
    assertNull(none.view().pid());
    assertEquals("none", none.view().state());
  }

  @Test
  void theFilesAreReadAsTheDaemonWroteThem(@TempDir Path root) throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    assertEquals(Verdict.NONE, DaemonLiveness.of(layout, T0, HERE).verdict());
    Lease.Holder dead = holder("here", 4242, T0);
    Files.write(layout.lockGeneration(3), LeaseFiles.render(dead, LeaseFiles.sizeFor(dead)));
    DaemonLiveness d = DaemonLiveness.of(layout, T0.plusSeconds(5), HERE);
    assertEquals(Verdict.GONE, d.verdict());
    assertEquals(dead, d.holder());
    DaemonLiveness.View v = d.view();
    assertFalse(v.alive());
    assertEquals("gone", v.state());
    assertEquals(4242L, v.pid());
    assertEquals(T0, v.heartbeat());

    Lease.Holder live = holder("here", 100, T0);
    Files.write(layout.lockGeneration(4), LeaseFiles.render(live, LeaseFiles.sizeFor(live)));
    assertTrue(DaemonLiveness.of(layout, T0, HERE).alive(), "the highest generation decides");
  }

  @Test
  void thisVeryProcessIsJudgedAliveOnTheRealProcessTable() {
    // The real table: this JVM's pid, started before the lease it "took" a moment ago.
    Here real = Here.local();
    Instant now = Instant.now();
    Lease.Holder me = new Lease.Holder(real.host(), real.pid(), now, now, 1, false);
    assertTrue(DaemonLiveness.judge(me, now, real).alive());
  }
}
