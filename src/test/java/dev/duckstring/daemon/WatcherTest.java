package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.model.LineId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher's hints: an inbox change is one, the daemon's own writes in a line are none. */
class WatcherTest {
  @TempDir Path tmp;

  /**
   * A watcher of {@code layout} whose hints go to {@code msgs}; {@code seen} hears of {@code last}.
   */
  private static Watcher watcher(
      CatchmentLayout layout, BlockingQueue<Msg> msgs, Path last, CountDownLatch seen)
      throws Exception {
    return new Watcher(
        layout,
        msgs::add,
        e -> {},
        p -> {
          if (p.equals(last)) {
            seen.countDown();
          }
        },
        new DaemonThreads(1));
  }

  /** Drops {@code last} (events arrive in order: it comes last), then expects one hint only. */
  private static void onlyOneHint(
      Path last, CountDownLatch seen, BlockingQueue<Msg> msgs, String why) throws Exception {
    Files.writeString(last, "");
    assertEquals(true, seen.await(30, TimeUnit.SECONDS));
    assertEquals(new Msg.Rescan("p"), msgs.poll(30, TimeUnit.SECONDS));
    Thread.sleep(200);
    assertEquals(List.of(), List.copyOf(msgs), why);
  }

  @Test
  void writesInALineDirectoryAreNoHint() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(tmp);
    Files.createDirectories(layout.signals("p"));
    BlockingQueue<Msg> msgs = new LinkedBlockingQueue<>();
    Path signal = layout.signals("p").resolve("pulse.x");
    CountDownLatch signalSeen = new CountDownLatch(1);
    Watcher w = watcher(layout, msgs, signal, signalSeen);
    try {
      LineId line = new LineId("p", 1);
      Files.createDirectories(layout.line(line)); // the daemon makes m1/ after the Pond
      Thread.sleep(200); // let the watcher see m1/ (and, before decision 58, register it)
      Files.writeString(layout.state(line), "{}");
      Files.writeString(layout.status(line), "{}");
      onlyOneHint(signal, signalSeen, msgs, "only the signal was a hint");
    } finally {
      w.close();
    }
  }

  @Test
  void aSignalLeavingTheInboxIsNoHint() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(tmp);
    Files.createDirectories(layout.signals("p"));
    Path claimed = Files.createDirectories(layout.claimedSignals("p"));
    Path first = Files.writeString(layout.signals("p").resolve("pulse.a"), "");
    BlockingQueue<Msg> msgs = new LinkedBlockingQueue<>();
    Path last = layout.signals("p").resolve("pulse.b");
    CountDownLatch lastSeen = new CountDownLatch(1);
    Watcher w = watcher(layout, msgs, last, lastSeen);
    try {
      Files.move(first, claimed.resolve("1-000001-pulse.a")); // what a claim does (decision 72)
      onlyOneHint(last, lastSeen, msgs, "the claim's rename out of signals/ was none");
    } finally {
      w.close();
    }
  }
}
