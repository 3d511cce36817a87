package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.LocalDisks;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * At most one daemon per root: a kernel lock on {@code catchment.lock.kernel} where the file system
 * honours it, and numbered lease files {@code catchment.lock.<n>}, each created whole by exclusive
 * link, of which the highest is the lease (docs/decisions.md §14). This class is the holder's side
 * (check, heartbeat, release); taking the lease is {@code LeaseAcquisition}, the files themselves
 * {@code LeaseFiles}, the kernel lock {@code KernelLock}.
 */
public final class Lease {
  /** A heartbeat this old means the holder is gone. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private final CatchmentLayout layout;
  private final Holder self;
  private final Path file;
  private final FileChannel channel;
  private final int size;
  private final KernelLock kernel;
  private volatile Instant beat;
  private volatile boolean released;

  /** Whether the kernel lock decides who holds the root (see {@link #fence}). */
  private final boolean lockDecides;

  /** Why the first {@link #check} that failed found the lease gone; null until one fails. */
  private volatile String lost;

  /**
   * Who holds (or last held) generation {@code generation} of the lease; {@code stopped} once it
   * was given back. {@code catchment.lock} written by older versions reads as generation 0.
   */
  public record Holder(
      String host, long pid, Instant started, Instant heartbeat, long generation, boolean stopped) {
    public Holder(String host, long pid, Instant started, Instant heartbeat) {
      this(host, pid, started, heartbeat, 0, false);
    }
  }

  /** Thrown once the lease is another daemon's: the holder must stop writing. */
  public static final class Lost extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Lost(String message) {
      super(message);
    }

    @Override
    public String toString() {
      return getMessage();
    }
  }

  Lease(CatchmentLayout layout, Holder self, FileChannel channel, int size, KernelLock kernel) {
    this.layout = layout;
    this.self = self;
    this.file = layout.lockGeneration(self.generation());
    this.channel = channel;
    this.size = size;
    this.kernel = kernel;
    this.beat = self.heartbeat();
    this.lockDecides = kernel.held() && LocalDisks.holds(layout.root());
  }

  /** When this daemon last wrote its heartbeat (at first, when it took the lease). */
  public Instant lastBeat() {
    return beat;
  }

  /** Takes the lease or throws a one-line error naming the holder. */
  public static Lease acquire(CatchmentLayout layout, Instant now) {
    return acquire(layout, now, true);
  }

  /**
   * Takes the lease; {@code kernelLock} false skips the kernel lock, as on a file system that does
   * not honour it (tests of the lease files alone).
   */
  static Lease acquire(CatchmentLayout layout, Instant now, boolean kernelLock) {
    return LeaseAcquisition.acquire(layout, now, kernelLock);
  }

  /** The current holder (the highest generation unless it was given back), or null. */
  public static Holder read(CatchmentLayout layout) {
    LeaseFiles.Generation top = LeaseFiles.highest(layout);
    return top == null || top.holder() == null || top.holder().stopped() ? null : top.holder();
  }

  /** This host's name, as lease files and process records give it. */
  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  // ---- the holder's side ----------------------------------------------------------------------

  /** This lease's generation: a fencing number that only grows. */
  public long generation() {
    return self.generation();
  }

  /** True once {@link #release} ran: this daemon holds nothing any more. */
  public boolean released() {
    return released;
  }

  /** True when a kernel lock backs the lease files; false where the file system refused one. */
  public boolean kernelLocked() {
    return kernel.held();
  }

  /** Why there is no kernel lock (null when there is one). */
  public String kernelLockProblem() {
    return kernel.problem();
  }

  /**
   * True while the lease is still this daemon's: its own generation file is there and no higher
   * generation exists. Cheap (a stat and a listing of the root), so writers call it often.
   */
  public boolean held() {
    if (released) {
      return false;
    }
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try {
      return LeaseFiles.highestNumber(layout) <= self.generation();
    } catch (DuckstringException e) {
      return true; // cannot list the root just now: nothing says another daemon took it
    }
  }

  /** Throws {@link Lost}, naming the new holder, unless the lease is still this daemon's. */
  public void check() {
    if (held()) {
      return;
    }
    LeaseFiles.Generation top = released ? null : LeaseFiles.highest(layout);
    String by =
        top != null && top.holder() != null && top.n() > self.generation()
            ? " by pid "
                + top.holder().pid()
                + " on "
                + top.holder().host()
                + " (generation "
                + top.n()
                + ")"
            : " (" + file.getFileName() + " is gone)";
    lost =
        "the lease of "
            + layout.root()
            + " was taken over"
            + by
            + "; this daemon (pid "
            + self.pid()
            + ", generation "
            + self.generation()
            + ") stops writing";
    throw new Lost(lost);
  }

  /**
   * The check before each write (decision 73): refuses once a {@link #check} found the lease gone.
   * Where the kernel lock decides (it is held, on a local file system), no other daemon can take
   * the lease while this one lives (decision 14), and that is all; the daemon's full checks, before
   * each batch, each publish and each heartbeat, see a lease file changed by hand. Elsewhere (NFS,
   * FUSE, no kernel lock) every write makes the full {@link #check}.
   */
  public void fence() {
    String why = lost;
    if (why != null) {
      throw new Lost(why);
    }
    if (!lockDecides) {
      check();
    }
  }

  /** True when the kernel lock decides who holds the root, so {@link #fence} lists nothing. */
  public boolean lockDecides() {
    return lockDecides;
  }

  /**
   * Refreshes the heartbeat in this daemon's own generation file, rewritten in place through the
   * file it created: it cannot touch another holder's file, and needs no free space. Throws {@link
   * Lost} when the lease is gone, and a {@link DuckstringException} when the write fails.
   */
  public void heartbeat(Instant now) {
    check();
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    try {
      rewrite(new Holder(self.host(), self.pid(), self.started(), at, self.generation(), false));
    } catch (IOException e) {
      throw new DuckstringException(
          "cannot refresh the heartbeat in " + file + ": " + e.getMessage(), e);
    }
    beat = at;
    point(false);
  }

  /** Gives the lease up, if still ours: marks the generation stopped, removes the link to it. */
  public void release() {
    if (released) {
      return;
    }
    try {
      if (held()) {
        try {
          rewrite(
              new Holder(self.host(), self.pid(), self.started(), beat, self.generation(), true));
        } catch (IOException e) {
          // a lease left unmarked is taken over at the next start: its holder is gone
        }
        try {
          Path lock = layout.lock();
          if (Files.isSymbolicLink(lock)
              && Files.readSymbolicLink(lock).equals(file.getFileName())) {
            Files.deleteIfExists(lock);
          }
        } catch (IOException e) {
          // the link is only for people reading the root
        }
      }
    } finally {
      released = true;
      LeaseFiles.close(channel);
      kernel.close();
    }
  }

  private void rewrite(Holder h) throws IOException {
    LeaseFiles.write(channel, LeaseFiles.render(h, size));
    channel.force(false);
  }

  /**
   * Points {@code catchment.lock} at this generation, for people and scripts that read the root. At
   * start it replaces the link to an older generation (we hold the highest); later it is only
   * created where missing, which cannot replace anything.
   */
  void point(boolean replace) {
    Path lock = layout.lock();
    Path target = file.getFileName();
    try {
      if (replace) {
        Path tmp = layout.root().resolve(AtomicFiles.tempName("catchment.lock"));
        try {
          Files.createSymbolicLink(tmp, target);
          AtomicFiles.move(tmp, lock);
        } finally {
          LeaseFiles.deleteQuietly(tmp);
        }
      } else if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(lock, target);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // a file system without symbolic links: the numbered files alone are the lease
    }
  }
}
