package dev.duckstring.deploy;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Trees;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** Directory-tree chores of staging: tracked creation, durable writes, fsync and removal. */
final class TreeFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> EXEC = PosixFilePermissions.fromString("rwxr-xr-x");
  private static final Set<PosixFilePermission> PLAIN =
      PosixFilePermissions.fromString("rw-r--r--");

  private TreeFiles() {}

  /** Creates {@code dir} and missing parents; returns those it created, deepest first. */
  static List<Path> createDirectories(Path dir) throws IOException {
    List<Path> created = new ArrayList<>();
    for (Path p = dir;
        p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS);
        p = p.getParent()) {
      created.add(p);
    }
    Files.createDirectories(dir);
    return created;
  }

  /** Removes the directories {@link #createDirectories} made, where they are still empty. */
  static void removeIfEmpty(List<Path> created) {
    for (Path p : created) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException e) {
        return; // not empty (someone else wrote there) or not ours to remove: leave it
      }
    }
  }

  /** Deletes {@code path} and everything under it, without following symlinks; absent is fine. */
  static void deleteTree(Path path) {
    try {
      Trees.delete(path);
    } catch (IOException e) {
      throw new DuckstringException("cannot remove " + path + ": " + e.getMessage(), e);
    }
  }

  /** Deletes what is inside {@code dir}, keeping {@code dir}. */
  static void deleteContents(Path dir) throws IOException {
    try (var entries = Files.list(dir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        deleteTree(p);
      }
    }
  }

  /** Writes a new file and forces it to disk. */
  static void writeNew(Path file, byte[] content) throws IOException {
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  /** Gives a deployed file git's normalized permissions: 755 if executable, else 644. */
  static void setExecutable(Path file, boolean executable) throws IOException {
    if (POSIX) {
      Files.setPosixFilePermissions(file, executable ? EXEC : PLAIN);
    }
  }

  /** True if the owner may execute {@code file} (false where permissions are not POSIX). */
  static boolean isExecutable(Path file) throws IOException {
    return POSIX && Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE);
  }

  /** Fsyncs every directory under {@code root}, deepest first, so a later rename is durable. */
  static void fsyncDirectories(Path root) throws IOException {
    List<Path> dirs = new ArrayList<>();
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            dirs.add(dir);
            return FileVisitResult.CONTINUE;
          }
        });
    Collections.reverse(dirs);
    dirs.forEach(AtomicFiles::fsyncDirectory);
  }

  /** A one-line message for an I/O failure. */
  static String describe(IOException e) {
    String m = e.getMessage();
    String text = m == null ? e.getClass().getSimpleName() : m;
    return e instanceof NoSuchFileException ? "no such file: " + text : text;
  }
}
