package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * catchment.lock: at most one daemon per root. Created exclusively; holds host, pid and a heartbeat
 * the holder refreshes. A lock left by a dead process on this host, or one whose heartbeat is
 * older than {@link #STALE_AFTER} on another host, is taken over.
 */
public final class Lease {
  /** A heartbeat this old means the holder is gone. */
  public static final Duration STALE_AFTER = Duration.ofSeconds(30);

  private final CatchmentLayout layout;
  private final Holder self;

  /** Who holds the lease. */
  public record Holder(String host, long pid, Instant started, Instant heartbeat) {}

  private Lease(CatchmentLayout layout, Holder self) {
    this.layout = layout;
    this.self = self;
  }

  /**
   * Takes the lease or throws a one-line error naming the holder. The lock appears whole (a
   * complete temporary file hard-linked to the lock name, which fails if it exists); a stale lock
   * is renamed aside first, which only one contender can do.
   */
  public static Lease acquire(CatchmentLayout layout, Instant now) {
    Holder me = new Holder(hostName(), ProcessHandle.current().pid(), now, now);
    byte[] body = (Json.write(me) + "\n").getBytes(StandardCharsets.UTF_8);
    try {
      Files.createDirectories(layout.root());
      for (int attempt = 0; attempt < 5; attempt++) {
        if (tryCreate(layout, body)) {
          return new Lease(layout, me);
        }
        Holder other = read(layout);
        if (other != null && isAlive(other, me, now)) {
          throw new DuckstringException(
              "catchment at "
                  + layout.root()
                  + " is already served by pid "
                  + other.pid()
                  + " on "
                  + other.host()
                  + " (since "
                  + other.started()
                  + "); stop it first, or remove "
                  + layout.lock()
                  + " if that process is gone");
        }
        Path aside = layout.root().resolve(AtomicFiles.tempName("stale-lock"));
        try {
          AtomicFiles.move(layout.lock(), aside);
          Files.deleteIfExists(aside);
        } catch (NoSuchFileException gone) {
          // another starting daemon moved it first; look again
        }
      }
      throw new DuckstringException(
          "cannot take " + layout.lock() + ": other daemons keep starting on this root");
    } catch (IOException e) {
      throw new DuckstringException("cannot create " + layout.lock() + ": " + e.getMessage(), e);
    }
  }

  private static boolean tryCreate(CatchmentLayout layout, byte[] body) throws IOException {
    Path tmp = layout.root().resolve(AtomicFiles.tempName("catchment.lock"));
    try {
      Files.write(tmp, body, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      Files.createLink(layout.lock(), tmp);
      AtomicFiles.fsyncDirectory(layout.root());
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The current holder, or null. */
  public static Holder read(CatchmentLayout layout) {
    try {
      return Json.readFile(layout.lock(), Holder.class);
    } catch (DuckstringException e) {
      return null;
    }
  }

  private static boolean isAlive(Holder other, Holder me, Instant now) {
    boolean fresh = other.heartbeat() != null && other.heartbeat().plus(STALE_AFTER).isAfter(now);
    if (other.host().equals(me.host())) {
      // Our own pid: another daemon in this JVM if its heartbeat is fresh, else a stale lock.
      return other.pid() == me.pid()
          ? fresh
          : ProcessHandle.of(other.pid()).map(ProcessHandle::isAlive).orElse(false);
    }
    return fresh;
  }

  /** Refreshes the heartbeat. */
  public void heartbeat(Instant now) {
    AtomicFiles.writeString(
        layout.lock(), Json.write(new Holder(self.host(), self.pid(), self.started(), now)) + "\n");
  }

  /** Gives the lease up (only if still ours). */
  public void release() {
    Holder h = read(layout);
    if (h != null && h.pid() == self.pid() && h.host().equals(self.host())) {
      try {
        Files.deleteIfExists(layout.lock());
      } catch (IOException e) {
        // a stale lock of ours is taken over at the next start
      }
    }
  }

  static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
