package dev.duckstring.catchment;

import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Taking the lease at start: the kernel lock first, then the lease file protocol (docs/decisions.md
 * §14). Refusals name the holder.
 */
final class LeaseAcquisition {
  private LeaseAcquisition() {}

  /**
   * Takes the lease; {@code kernelLock} false skips the kernel lock, as on a file system that does
   * not honour it (tests of the lease files alone).
   */
  static Lease acquire(CatchmentLayout layout, Instant now, boolean kernelLock) {
    try {
      Files.createDirectories(layout.root());
    } catch (IOException e) {
      throw new DuckstringException("cannot create " + layout.root() + ": " + e.getMessage(), e);
    }
    KernelLock kernel = kernelLock ? KernelLock.take(layout) : KernelLock.unused();
    try {
      return takeLeaseFile(layout, now, kernel);
    } catch (RuntimeException e) {
      kernel.close();
      throw e;
    }
  }

  /**
   * The lease file protocol: look at the highest generation; if its holder is gone, create the next
   * generation by exclusive link. Of contenders that saw the same generation, only one can create
   * the next; one that finds a still higher generation after creating its own has lost.
   */
  private static Lease takeLeaseFile(CatchmentLayout layout, Instant now, KernelLock kernel) {
    String host = Lease.hostName();
    long pid = ProcessHandle.current().pid();
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    for (int attempt = 0; attempt < 10; attempt++) {
      LeaseFiles.Generation top = LeaseFiles.highest(layout);
      if (top != null
          && top.holder() != null
          && !top.holder().stopped()
          && isAlive(top.holder(), host, pid, now, kernel.held())) {
        throw new DuckstringException(servedBy(layout, top, true));
      }
      long next = top == null ? 1 : top.n() + 1;
      Lease.Holder me = new Lease.Holder(host, pid, at, at, next, false);
      int size = LeaseFiles.sizeFor(me);
      FileChannel channel;
      try {
        channel = LeaseFiles.create(layout, me, size);
      } catch (DuckstringException e) {
        Lease reused =
            kernel.held() && top != null && noSpace(e)
                ? reuseInPlace(layout, top, me, kernel)
                : null;
        if (reused == null) {
          throw e;
        }
        return reused;
      }
      if (channel == null) {
        continue; // another contender took this generation: look again
      }
      LeaseFiles.Generation after = LeaseFiles.highest(layout);
      if (after != null && after.n() > next) {
        // A later generation exists (one that an older listing did not show): ours never counted.
        LeaseFiles.close(channel);
        LeaseFiles.deleteQuietly(layout.lockGeneration(next));
        continue;
      }
      Lease lease = new Lease(layout, me, channel, size, kernel);
      LeaseFiles.removeOlder(layout, me.generation());
      lease.point(true);
      return lease;
    }
    throw new DuckstringException(
        "cannot take " + layout.lock() + ": other daemons keep starting on this root");
  }

  private static boolean noSpace(DuckstringException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("No space left on device") || m.contains("Disk quota exceeded");
  }

  /**
   * A full disk has no block for a new generation file. With the kernel lock held, no other daemon
   * on this file system is in the protocol at once, so the dead holder's file {@code top} is
   * rewritten in place as ours, keeping its number: that needs no new block. Null when it cannot be
   * (an older version's lock, an unwritable file): the start is then refused.
   */
  private static Lease reuseInPlace(
      CatchmentLayout layout, LeaseFiles.Generation top, Lease.Holder me, KernelLock kernel) {
    if (top.n() < 1 || !Files.isRegularFile(top.path(), LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Lease.Holder mine =
        new Lease.Holder(me.host(), me.pid(), me.started(), me.heartbeat(), top.n(), false);
    FileChannel ch = null;
    try {
      ch = FileChannel.open(top.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
      int size = (int) ch.size();
      byte[] body = LeaseFiles.render(mine, size);
      if (body.length > size) {
        LeaseFiles.close(ch);
        return null; // would grow the file: no room for that either
      }
      LeaseFiles.write(ch, body);
      ch.force(true);
      Lease lease = new Lease(layout, mine, ch, size, kernel);
      lease.point(false);
      return lease;
    } catch (IOException e) {
      LeaseFiles.close(ch);
      return null;
    }
  }

  private static boolean isAlive(
      Lease.Holder other, String host, long pid, Instant now, boolean kernelHeld) {
    boolean fresh =
        other.heartbeat() != null && other.heartbeat().plus(Lease.STALE_AFTER).isAfter(now);
    if (other.host().equals(host)) {
      if (kernelHeld) {
        return false; // a live daemon on this host would hold the kernel lock we now hold
      }
      // Our own pid: another daemon in this JVM if its heartbeat is fresh, else a stale lock.
      return other.pid() == pid
          ? fresh
          : ProcessHandle.of(other.pid()).map(ProcessHandle::isAlive).orElse(false);
    }
    return fresh;
  }

  /** "catchment at ... is already served by pid ... on ...": the refusal that names the holder. */
  static String servedBy(CatchmentLayout layout, LeaseFiles.Generation g, boolean canRemove) {
    Lease.Holder h = g.holder();
    return "catchment at "
        + layout.root()
        + " is already served by pid "
        + h.pid()
        + " on "
        + h.host()
        + " (since "
        + h.started()
        + "); stop it first"
        + (canRemove ? ", or remove " + g.path() + " if that process is gone" : "");
  }
}
