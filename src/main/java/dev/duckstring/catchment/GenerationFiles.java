package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The files of a generation being published: linked (or copied) in from the run's outputs, frozen
 * read-only, and compared with another generation by content.
 */
final class GenerationFiles {
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  private static final Set<PosixFilePermission> READ_ONLY_FILE =
      PosixFilePermissions.fromString("r--r--r--");
  private static final Set<PosixFilePermission> READ_ONLY_DIR =
      PosixFilePermissions.fromString("r-xr-xr-x");

  private GenerationFiles() {}

  /**
   * Links the regular files under {@code from} into {@code to}. A symlink or any other special file
   * fails the publish: following it would publish files from outside the run's output.
   */
  static void linkTree(String ripple, Path top, Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.sorted().toList()) {
        Path dest = to.resolve(p.getFileName().toString());
        BasicFileAttributes a =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (a.isDirectory()) {
          linkTree(ripple, top, p, dest);
        } else if (a.isRegularFile()) {
          if (linkedElsewhere(p)) {
            Files.copy(
                p, dest, LinkOption.NOFOLLOW_LINKS); // freezing must not chmod a file outside
          } else {
            try {
              Files.createLink(dest, p);
            } catch (UnsupportedOperationException | FileSystemException e) {
              Files.copy(p, dest, LinkOption.NOFOLLOW_LINKS);
            }
          }
        } else {
          throw new DuckstringException(
              "ripple '"
                  + ripple
                  + "' wrote "
                  + (a.isSymbolicLink() ? "a symlink" : "a special file")
                  + " '"
                  + top.relativize(p)
                  + "'; outputs may hold only regular files and directories");
        }
      }
    }
  }

  /**
   * True for a writable file with other hard links: not one published before (those are read-only),
   * so possibly a link the Ripple made to a file elsewhere, whose mode is not ours.
   */
  private static boolean linkedElsewhere(Path file) {
    try {
      Map<String, Object> a =
          Files.readAttributes(file, "unix:nlink,mode", LinkOption.NOFOLLOW_LINKS);
      return ((Number) a.get("nlink")).intValue() > 1
          && (((Number) a.get("mode")).intValue() & 0222) != 0;
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      return false;
    }
  }

  /**
   * Makes a staged generation read-only: files 0444, directories 0555 (deepest first), then forces
   * the files of the Ripples {@code unforced} names (their data not on disk yet: decision 62),
   * {@code first} (a file written beside it, or null) and each directory to disk. Every change is
   * made before the first force, so on a journaling file system that force commits them all and the
   * later ones find little left to write (decision 58). Files are hard links of the staged outputs,
   * so those become read-only too.
   */
  static void freeze(Path root, Path first, Set<String> unforced) throws IOException {
    List<Path> dirs = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          dirs.add(p);
        } else {
          if (unforced.contains(root.relativize(p).getName(0).toString())) {
            files.add(p);
          }
          if (POSIX) {
            Files.setPosixFilePermissions(p, READ_ONLY_FILE);
          }
        }
      }
    }
    Collections.reverse(dirs);
    if (POSIX) {
      for (Path d : dirs) {
        Files.setPosixFilePermissions(d, READ_ONLY_DIR);
      }
    }
    for (Path f : files) {
      try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
        ch.force(true);
      }
    }
    if (first != null) {
      try (FileChannel ch = FileChannel.open(first, StandardOpenOption.READ)) {
        ch.force(true);
      }
    }
    for (Path d : dirs) {
      AtomicFiles.fsyncDirectory(d);
    }
  }

  /** True when both trees hold the same relative paths with the same bytes (sizes first). */
  static boolean sameContent(Path a, Path b) {
    try {
      List<Path> fa = files(a);
      List<Path> fb = files(b);
      if (!fa.stream()
          .map(a::relativize)
          .toList()
          .equals(fb.stream().map(b::relativize).toList())) {
        return false;
      }
      for (int i = 0; i < fa.size(); i++) {
        if (Files.size(fa.get(i)) != Files.size(fb.get(i))) {
          return false;
        }
      }
      for (int i = 0; i < fa.size(); i++) {
        if (Files.isSameFile(fa.get(i), fb.get(i))) {
          continue;
        }
        if (!MessageDigest.isEqual(digest(fa.get(i)), digest(fb.get(i)))) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  private static byte[] digest(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
