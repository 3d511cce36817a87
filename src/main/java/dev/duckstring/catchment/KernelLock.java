package dev.duckstring.catchment;

import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.StandardOpenOption;

/**
 * The kernel lock on {@code catchment.lock.kernel}, held open for the daemon's life; a file system
 * that refuses locks leaves it absent with the reason.
 */
record KernelLock(FileChannel channel, FileLock lock, String problem) {
  /** No kernel lock, on purpose (tests of the lease files alone). */
  static KernelLock unused() {
    return new KernelLock(null, null, "not used");
  }

  /**
   * Takes the lock, or says why there is none; throws when another process on this host holds it.
   */
  static KernelLock take(CatchmentLayout layout) {
    FileChannel ch;
    try {
      ch =
          FileChannel.open(
              layout.kernelLock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      return new KernelLock(
          null, null, "cannot open " + layout.kernelLock() + ": " + e.getMessage());
    }
    try {
      FileLock lock = ch.tryLock();
      if (lock != null) {
        return new KernelLock(ch, lock, null);
      }
    } catch (OverlappingFileLockException e) {
      // held by another daemon in this JVM
    } catch (IOException e) {
      LeaseFiles.close(ch);
      return new KernelLock(
          null, null, "no kernel lock on " + layout.kernelLock() + ": " + e.getMessage());
    }
    LeaseFiles.close(ch);
    LeaseFiles.Generation top = LeaseFiles.highest(layout);
    throw new DuckstringException(
        top != null && top.holder() != null && !top.holder().stopped()
            ? LeaseAcquisition.servedBy(layout, top, false)
            : "catchment at "
                + layout.root()
                + " is already served (or being started) by another process on this host (it holds"
                + " a lock on "
                + layout.kernelLock()
                + "); stop it first");
  }

  boolean held() {
    return lock != null;
  }

  void close() {
    LeaseFiles.close(channel); // closing the channel releases the lock
  }
}
