package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * At most one daemon per root: a kernel lock on {@code catchment.lock.kernel} where the file system
 * honours it, and numbered lease files {@code catchment.lock.<n>}, each created whole by exclusive
 * link, of which the highest is the lease (docs/decisions.md §14).
 */
public final class Lease {
  /** A heartbeat this old means the holder is gone. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private static final String PREFIX = "catchment.lock.";
  /** Lease files keep one size, so a heartbeat rewrites them in place and needs no free space. */
  private static final int BLOCK = 512;

  private final CatchmentLayout layout;
  private final Holder self;
  private final Path file;
  private final FileChannel channel;
  private final int size;
  private final KernelLock kernel;
  private volatile Instant beat;
  private volatile boolean released;

  /**
   * Who holds (or last held) generation {@code generation} of the lease; {@code stopped} once it
   * was given back. {@code catchment.lock} written by older versions reads as generation 0.
   */
  public record Holder(String host, long pid, Instant started, Instant heartbeat, long generation, boolean stopped) {
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

  private Lease(CatchmentLayout layout, Holder self, FileChannel channel, int size, KernelLock kernel) {
    this.layout = layout;
    this.self = self;
    this.file = layout.lockGeneration(self.generation());
    this.channel = channel;
    this.size = size;
    this.kernel = kernel;
    this.beat = self.heartbeat();
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
    try {
      Files.createDirectories(layout.root());
    } catch (IOException e) {
      throw new DuckstringException("cannot create " + layout.root() + ": " + e.getMessage(), e);
    }
    KernelLock kernel = kernelLock ? KernelLock.take(layout) : new KernelLock(null, null, "not used");
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
    String host = hostName();
    long pid = ProcessHandle.current().pid();
    Instant at = now.truncatedTo(ChronoUnit.SECONDS);
    for (int attempt = 0; attempt < 10; attempt++) {
      Generation top = highest(layout);
      if (top != null && top.holder() != null && !top.holder().stopped()
          && isAlive(top.holder(), host, pid, now, kernel.held())) {
        throw new DuckstringException(servedBy(layout, top, true));
      }
      long next = top == null ? 1 : top.n() + 1;
      Holder me = new Holder(host, pid, at, at, next, false);
      int size = (render(me, 0).length + 64 + BLOCK - 1) / BLOCK * BLOCK;
      FileChannel channel;
      try {
        channel = create(layout, me, size);
      } catch (DuckstringException e) {
        Lease reused = kernel.held() && top != null && noSpace(e) ? reuseInPlace(layout, top, me, kernel) : null;
        if (reused == null) {
          throw e;
        }
        return reused;
      }
      if (channel == null) {
        continue; // another contender took this generation: look again
      }
      Generation after = highest(layout);
      if (after != null && after.n() > next) {
        // A later generation exists (one that an older listing did not show): ours never counted.
        close(channel);
        deleteQuietly(layout.lockGeneration(next));
        continue;
      }
      Lease lease = new Lease(layout, me, channel, size, kernel);
      lease.removeOlder();
      lease.point(true);
      return lease;
    }
    throw new DuckstringException("cannot take " + layout.lock() + ": other daemons keep starting on this root");
  }

  private static boolean noSpace(DuckstringException e) {
    String m = String.valueOf(e.getMessage());
    return m.contains("No space left on device") || m.contains("Disk quota exceeded");
  }

  /**
   * A full disk has no block for a new generation file. With the kernel lock held, no other daemon
   * on this file system is in the protocol at once, so the dead holder's file {@code top} is
   * rewritten in place as ours, keeping its number: that needs no new block. Null when it cannot
   * be (an older version's lock, an unwritable file): the start is then refused.
   */
  private static Lease reuseInPlace(CatchmentLayout layout, Generation top, Holder me, KernelLock kernel) {
    if (top.n() < 1 || !Files.isRegularFile(top.path(), LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Holder mine = new Holder(me.host(), me.pid(), me.started(), me.heartbeat(), top.n(), false);
    FileChannel ch = null;
    try {
      ch = FileChannel.open(top.path(), StandardOpenOption.READ, StandardOpenOption.WRITE);
      int size = (int) ch.size();
      byte[] body = render(mine, size);
      if (body.length > size) {
        close(ch);
        return null; // would grow the file: no room for that either
      }
      write(ch, body);
      ch.force(true);
      Lease lease = new Lease(layout, mine, ch, size, kernel);
      lease.point(false);
      return lease;
    } catch (IOException e) {
      close(ch);
      return null;
    }
  }

  /** Creates generation file {@code me.generation()} whole, or returns null if it exists. */
  private static FileChannel create(CatchmentLayout layout, Holder me, int size) {
    Path target = layout.lockGeneration(me.generation());
    Path tmp = layout.root().resolve(AtomicFiles.tempName(target.getFileName().toString()));
    FileChannel ch = null;
    try {
      ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
      write(ch, render(me, size));
      ch.force(true);
      Files.createLink(target, tmp); // fails if the generation exists: the one primitive that cannot race
      AtomicFiles.fsyncDirectory(layout.root());
      return ch;
    } catch (FileAlreadyExistsException e) {
      if (sameFile(tmp, target)) {
        return ch; // NFS: our link went through, but its reply was lost and the retry saw it
      }
      close(ch);
      return null;
    } catch (IOException e) {
      close(ch);
      throw new DuckstringException("cannot create " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(tmp);
    }
  }

  private static boolean sameFile(Path a, Path b) {
    try {
      return Files.isSameFile(a, b);
    } catch (IOException e) {
      return false;
    }
  }

  /** The current holder (the highest generation unless it was given back), or null. */
  public static Holder read(CatchmentLayout layout) {
    Generation top = highest(layout);
    return top == null || top.holder() == null || top.holder().stopped() ? null : top.holder();
  }

  /** One lease file: its number, path and holder (null when it cannot be read). */
  private record Generation(long n, Path path, Holder holder) {}

  private static Generation highest(CatchmentLayout layout) {
    long n = highestNumber(layout);
    if (n < 0) {
      return null;
    }
    Path path = n == 0 ? layout.lock() : layout.lockGeneration(n);
    return new Generation(n, path, readHolder(path));
  }

  /**
   * The highest generation number present, 0 for an older version's regular {@code
   * catchment.lock}, -1 for none.
   */
  private static long highestNumber(CatchmentLayout layout) {
    long best = -1;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.root(), "catchment.lock*")) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        if (name.equals("catchment.lock")) {
          if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            best = Math.max(best, 0);
          }
        } else if (name.startsWith(PREFIX)) {
          String rest = name.substring(PREFIX.length());
          if (!rest.isEmpty() && rest.length() <= 18 && rest.chars().allMatch(Character::isDigit)) {
            best = Math.max(best, Long.parseLong(rest));
          }
        }
      }
    } catch (NoSuchFileException e) {
      return -1;
    } catch (IOException e) {
      throw new DuckstringException("cannot list " + layout.root() + ": " + e.getMessage(), e);
    }
    return best;
  }

  /** Reads a lease file; a few retries ride over a read that met a heartbeat half way. */
  private static Holder readHolder(Path path) {
    for (int attempt = 0; ; attempt++) {
      try {
        return Json.readFile(path, Holder.class);
      } catch (DuckstringException e) {
        if (attempt == 2) {
          return null; // unreadable: counts as free, as before
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
  }

  private static boolean isAlive(Holder other, String host, long pid, Instant now, boolean kernelHeld) {
    boolean fresh = other.heartbeat() != null && other.heartbeat().plus(STALE_AFTER).isAfter(now);
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

  private static String servedBy(CatchmentLayout layout, Generation g, boolean canRemove) {
    Holder h = g.holder();
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
      return highestNumber(layout) <= self.generation();
    } catch (DuckstringException e) {
      return true; // cannot list the root just now: nothing says another daemon took it
    }
  }

  /** Throws {@link Lost}, naming the new holder, unless the lease is still this daemon's. */
  public void check() {
    if (held()) {
      return;
    }
    Generation top = released ? null : highest(layout);
    String by =
        top != null && top.holder() != null && top.n() > self.generation()
            ? " by pid " + top.holder().pid() + " on " + top.holder().host() + " (generation " + top.n() + ")"
            : " (" + file.getFileName() + " is gone)";
    throw new Lost(
        "the lease of "
            + layout.root()
            + " was taken over"
            + by
            + "; this daemon (pid "
            + self.pid()
            + ", generation "
            + self.generation()
            + ") stops writing");
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
      throw new DuckstringException("cannot refresh the heartbeat in " + file + ": " + e.getMessage(), e);
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
          rewrite(new Holder(self.host(), self.pid(), self.started(), beat, self.generation(), true));
        } catch (IOException e) {
          // a lease left unmarked is taken over at the next start: its holder is gone
        }
        try {
          Path lock = layout.lock();
          if (Files.isSymbolicLink(lock) && Files.readSymbolicLink(lock).equals(file.getFileName())) {
            Files.deleteIfExists(lock);
          }
        } catch (IOException e) {
          // the link is only for people reading the root
        }
      }
    } finally {
      released = true;
      close(channel);
      kernel.close();
    }
  }

  private void rewrite(Holder h) throws IOException {
    write(channel, render(h, size));
    channel.force(false);
  }

  /** Deletes older generation files (and an older version's regular catchment.lock). */
  private void removeOlder() {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(layout.root(), "catchment.lock.*")) {
      for (Path p : ds) {
        String rest = p.getFileName().toString().substring(PREFIX.length());
        if (!rest.isEmpty() && rest.length() <= 18 && rest.chars().allMatch(Character::isDigit)
            && Long.parseLong(rest) < self.generation()) {
          deleteQuietly(p);
        }
      }
    } catch (IOException e) {
      // older generations are harmless: the highest one is the lease
    }
  }

  /**
   * Points {@code catchment.lock} at this generation, for people and scripts that read the root.
   * At start it replaces the link to an older generation (we hold the highest); later it is only
   * created where missing, which cannot replace anything.
   */
  private void point(boolean replace) {
    Path lock = layout.lock();
    Path target = file.getFileName();
    try {
      if (replace) {
        Path tmp = layout.root().resolve(AtomicFiles.tempName("catchment.lock"));
        try {
          Files.createSymbolicLink(tmp, target);
          AtomicFiles.move(tmp, lock);
        } finally {
          deleteQuietly(tmp);
        }
      } else if (!Files.exists(lock, LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(lock, target);
      }
    } catch (IOException | UnsupportedOperationException e) {
      // a file system without symbolic links: the numbered files alone are the lease
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** The file's bytes: pretty JSON padded with spaces to {@code size} (0: unpadded). */
  private static byte[] render(Holder h, int size) {
    byte[] json = (Json.write(h) + "\n").getBytes(StandardCharsets.UTF_8);
    if (size <= json.length) {
      return json;
    }
    byte[] out = new byte[size];
    Arrays.fill(out, (byte) ' ');
    System.arraycopy(json, 0, out, 0, json.length);
    out[size - 1] = '\n';
    return out;
  }

  private static void write(FileChannel ch, byte[] bytes) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    long pos = 0;
    while (buf.hasRemaining()) {
      pos += ch.write(buf, pos);
    }
  }

  private static void close(FileChannel ch) {
    if (ch != null) {
      try {
        ch.close();
      } catch (IOException e) {
        // nothing was written through it that matters any more
      }
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // a leftover temporary is skipped by every reader
    }
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  /**
   * The kernel lock on {@code catchment.lock.kernel}, held open for the daemon's life; a file
   * system that refuses locks leaves it absent with the reason.
   */
  private record KernelLock(FileChannel channel, FileLock lock, String problem) {
    static KernelLock take(CatchmentLayout layout) {
      FileChannel ch;
      try {
        ch = FileChannel.open(layout.kernelLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      } catch (IOException e) {
        return new KernelLock(null, null, "cannot open " + layout.kernelLock() + ": " + e.getMessage());
      }
      try {
        FileLock lock = ch.tryLock();
        if (lock != null) {
          return new KernelLock(ch, lock, null);
        }
      } catch (OverlappingFileLockException e) {
        // held by another daemon in this JVM
      } catch (IOException e) {
        Lease.close(ch);
        return new KernelLock(null, null, "no kernel lock on " + layout.kernelLock() + ": " + e.getMessage());
      }
      Lease.close(ch);
      Generation top = highest(layout);
      throw new DuckstringException(
          top != null && top.holder() != null && !top.holder().stopped()
              ? servedBy(layout, top, false)
              : "catchment at "
                  + layout.root()
                  + " is already served (or being started) by another process on this host (it holds a lock on "
                  + layout.kernelLock()
                  + "); stop it first");
    }

    boolean held() {
      return lock != null;
    }

    void close() {
      Lease.close(channel); // closing the channel releases the lock
    }
  }
}
