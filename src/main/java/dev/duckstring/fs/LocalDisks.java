package dev.duckstring.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * Whether a path lives on a local file system, one whose kernel locks bind every process that can
 * reach it (docs/decisions.md §14): Linux's disk and memory file systems. Network, FUSE and
 * virtual-machine file systems are not local, nor is any type this list does not name.
 */
public final class LocalDisks {
  /**
   * The types {@code /proc/mounts} gives local file systems, as {@code FileStore.type} reads them.
   */
  private static final Set<String> LOCAL =
      Set.of(
          "ext2",
          "ext3",
          "ext4",
          "xfs",
          "btrfs",
          "bcachefs",
          "f2fs",
          "jfs",
          "reiserfs",
          "zfs",
          "tmpfs",
          "ramfs",
          "overlay");

  private LocalDisks() {}

  /** True when {@code p} is on a local file system; false when it is not, or cannot be told. */
  public static boolean holds(Path p) {
    try {
      return isLocalType(Files.getFileStore(p).type());
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  /** True for a file system type (as {@code /proc/mounts} names it) that is local. */
  public static boolean isLocalType(String type) {
    return LOCAL.contains(type);
  }
}
