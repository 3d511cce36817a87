package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalStoreTest {
  @TempDir Path root;
  private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void dropsUniqueNamesThatNeverCollide() {
    SignalStore s = new SignalStore(new CatchmentLayout(root));
    Path a = s.drop("outlet", SignalKind.PULSE, "", now);
    Path b = s.drop("outlet", SignalKind.PULSE, "", now);
    assertFalse(a.equals(b));
    assertEquals(2, s.waiting("outlet").size());
    assertEquals(SignalKind.PULSE, SignalKind.ofFileName(a.getFileName().toString()).orElseThrow());
  }

  @Test
  void claimMovesEachSignalOnceAndKeepsTheClaimTime() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    SignalStore s = new SignalStore(layout);
    Files.createDirectories(layout.signals("outlet"));
    Files.writeString(layout.signals("outlet").resolve("pulse"), ""); // a plain `touch`
    Files.writeString(layout.signals("outlet").resolve(".tmp-pulse.x"), ""); // in flight: skipped
    List<SignalStore.Claimed> claimed = s.claim("outlet", now);
    assertEquals(1, claimed.size());
    assertEquals("pulse", claimed.get(0).originalName());
    assertTrue(s.claim("outlet", now).isEmpty(), "a claimed signal is not claimed again");
    // A crash before done(): the claim survives with its time, for the next start.
    List<SignalStore.Claimed> again = new SignalStore(layout).unfinished("outlet");
    assertEquals(1, again.size());
    assertEquals(now, again.get(0).claimedAt());
    assertEquals("pulse", again.get(0).originalName());
    s.done(again.get(0));
    assertTrue(s.unfinished("outlet").isEmpty());
  }

  @Test
  void rejectMovesAsideWithAReason() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    SignalStore s = new SignalStore(layout);
    Files.createDirectories(layout.signals("p"));
    Files.writeString(layout.signals("p").resolve("bogus"), "!!");
    SignalStore.Claimed c = s.claim("p", now).get(0);
    Path moved = s.reject(c, "unknown signal 'bogus'");
    assertEquals("!!", Files.readString(moved));
    assertEquals(
        "unknown signal 'bogus'\n", Files.readString(moved.resolveSibling(moved.getFileName() + ".reason")));
    assertTrue(s.waiting("p").isEmpty());
    assertTrue(s.unfinished("p").isEmpty());
  }

  @Test
  void kindsComeFromTheFirstWord() {
    assertEquals(SignalKind.TAP, SignalKind.ofFileName("tap.from-cron").orElseThrow());
    assertEquals(SignalKind.DEMAND, SignalKind.ofFileName("demand").orElseThrow());
    assertTrue(SignalKind.ofFileName("pulses").isEmpty());
  }
}
