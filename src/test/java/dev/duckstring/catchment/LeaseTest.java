package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaseTest {
  @TempDir Path root;
  private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void aLiveHolderIsNamedAndAReleasedLeaseCanBeRetaken() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    Lease lease = Lease.acquire(layout, now);
    String e = assertThrows(DuckstringException.class, () -> Lease.acquire(layout, now)).getMessage();
    assertTrue(e.contains("already served by pid " + ProcessHandle.current().pid()), e);
    lease.release();
    assertNull(Lease.read(layout));
    Lease.acquire(layout, now).release();
    try (var s = Files.list(root)) {
      assertEquals(0, s.count(), "no temporaries left");
    }
  }

  @Test
  void aStaleLockIsTakenOver() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    // A dead process on this host (pid beyond any real one), and a silent other host.
    Files.writeString(layout.lock(), Json.write(new Lease.Holder(Lease.hostName(), Long.MAX_VALUE, now, now)));
    Lease.acquire(layout, now).release();
    Files.writeString(layout.lock(), Json.write(new Lease.Holder("elsewhere", 1, now, now)));
    assertThrows(DuckstringException.class, () -> Lease.acquire(layout, now.plusSeconds(5)));
    Lease taken = Lease.acquire(layout, now.plus(Lease.STALE_AFTER).plusSeconds(1));
    assertEquals(ProcessHandle.current().pid(), Lease.read(layout).pid());
    taken.release();
    Files.writeString(layout.lock(), "garbage");
    Lease.acquire(layout, now).release();
  }
}
