package dev.duckstring.fs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whole directory trees: removing one, or the temporaries a crash left, never through a symlink.
 */
public final class Trees {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private Trees() {}

  /**
   * Deletes {@code root} and everything under it without following symlinks (a link is removed as
   * itself); absent is fine. Read-only directories (published generations) are made writable first,
   * so their entries can go.
   */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = s.toList();
    } catch (UncheckedIOException e) {
      throw e.getCause(); // a directory under root that cannot be read
    }
    if (POSIX) {
      for (Path p : all) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          makeWritable(p);
        }
      }
    }
    for (Path p : all.stream().sorted(Comparator.reverseOrder()).toList()) {
      Files.deleteIfExists(p);
    }
  }

  /**
   * Deletes, whole, every entry directly in {@code dir} whose name starts with {@link
   * AtomicFiles#TEMP_PREFIX}: what a crash left of writes and publishes in flight. Call it only
   * where nothing is writing in {@code dir}.
   */
  public static void deleteTemporaries(Path dir) throws IOException {
    List<Path> temporaries;
    try (Stream<Path> s = Files.list(dir)) {
      temporaries =
          s.filter(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)).toList();
    }
    for (Path p : temporaries) {
      delete(p);
    }
  }

  private static void makeWritable(Path dir) throws IOException {
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
    if (!perms.contains(PosixFilePermission.OWNER_WRITE)
        || !perms.contains(PosixFilePermission.OWNER_EXECUTE)) {
      perms = new HashSet<>(perms);
      perms.add(PosixFilePermission.OWNER_WRITE);
      perms.add(PosixFilePermission.OWNER_EXECUTE);
      Files.setPosixFilePermissions(dir, perms);
    }
  }
}
