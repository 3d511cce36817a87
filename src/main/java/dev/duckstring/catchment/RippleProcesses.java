package dev.duckstring.catchment;

import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code runs/<run>/<ripple>.pid}: the process group of a command Ripple that is running, written
 * by its worker as soon as the process exists and deleted once the group is gone; the next daemon
 * stops the groups of the files a crash left behind.
 */
public final class RippleProcesses {
  private static final String SUFFIX = ".pid";
  private final CatchmentLayout layout;

  public RippleProcesses(CatchmentLayout layout) {
    this.layout = layout;
  }

  /**
   * One process group.
   *
   * @param host the daemon's host: a pid means nothing on another one
   * @param boot the machine's boot id: after a reboot the group is gone and its pid may be reused
   * @param pgid the group id, equal to the pid of its leader
   * @param startTicks the leader's start time in clock ticks since boot ({@code /proc/<pid>/stat}
   *     22)
   */
  public record Entry(
      String line,
      String run,
      String ripple,
      String host,
      String boot,
      long pgid,
      long startTicks) {}

  /** A file found by {@link #all()}: its entry, or the reason it could not be read. */
  public record Found(Path file, Entry entry, String problem) {}

  /** The file of {@code ripple} in the run directory {@code runDir}. */
  public static Path file(Path runDir, String ripple) {
    return runDir.resolve(CatchmentLayout.checkSegment("ripple", ripple) + SUFFIX);
  }

  /** This machine's name as the lease records it. */
  public static String host() {
    return Lease.hostName();
  }

  /**
   * Writes {@code entry} atomically. Not fsynced: the processes it names do not survive an OS
   * crash, only a daemon crash, and that leaves the page cache intact.
   */
  public static void write(Path file, Entry entry) {
    Json.writeFileUnsynced(file, entry);
  }

  /** Deletes the file if it exists; a failure leaves it for the next start, which checks it. */
  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the next daemon finds the group gone and deletes it then
    }
  }

  /** Every {@code ponds/<pond>/m<major>/runs/<run>/<ripple>.pid} under the root. */
  public List<Found> all() {
    List<Found> out = new ArrayList<>();
    for (Path pond : dirs(layout.ponds())) {
      for (Path line : dirs(pond)) {
        if (!line.getFileName().toString().matches("m[0-9]+")) {
          continue;
        }
        for (Path run : dirs(line.resolve("runs"))) {
          for (Path f : list(run)) {
            String name = f.getFileName().toString();
            if (name.endsWith(SUFFIX) && !name.startsWith(".") && !Files.isDirectory(f)) {
              out.add(read(f));
            }
          }
        }
      }
    }
    return out;
  }

  private static Found read(Path f) {
    try {
      if (Files.isSymbolicLink(f) || Files.size(f) > 64 * 1024) {
        return new Found(f, null, "not a small regular file");
      }
      Entry e = Json.readFile(f, Entry.class);
      if (e == null) {
        return new Found(f, null, "vanished");
      }
      if (e.host() == null || e.boot() == null || e.pgid() <= 1 || e.startTicks() < 0) {
        return new Found(f, null, "incomplete entry");
      }
      return new Found(f, e, null);
    } catch (IOException | DuckstringException | UncheckedIOException e) {
      return new Found(f, null, String.valueOf(e.getMessage()));
    }
  }

  private static List<Path> dirs(Path dir) {
    List<Path> out = new ArrayList<>();
    for (Path p : list(dir)) {
      if (!p.getFileName().toString().startsWith(".")
          && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        out.add(p);
      }
    }
    return out;
  }

  private static List<Path> list(Path dir) {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    } catch (IOException e) {
      // unreadable: nothing to sweep here
    }
    return out;
  }
}
