package dev.duckstring.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.Map;
import java.util.TreeMap;

/**
 * Copies a project's deployable files (see {@link SkipRules}) into a staging directory, fsyncing
 * each, and hashes exactly what it wrote. Symlinks to files are copied as files; other links and
 * Python venvs (directories holding {@code pyvenv.cfg}) are left out.
 */
final class ProjectCopy {
  private ProjectCopy() {}

  /** The deployable files of {@code project}, keyed by {@code /}-separated relative path. */
  static Map<String, Path> files(Path project) throws IOException {
    Map<String, Path> out = new TreeMap<>();
    Files.walkFileTree(
        project,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(project)) {
              return FileVisitResult.CONTINUE;
            }
            int depth = project.relativize(dir).getNameCount() - 1;
            boolean skip =
                SkipRules.skipDirectory(dir.getFileName().toString(), depth)
                    || Files.isRegularFile(dir.resolve("pyvenv.cfg"));
            return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            Path rel = project.relativize(file);
            boolean skip =
                SkipRules.skipFile(file.getFileName().toString(), rel.getNameCount() - 1);
            if (!skip && Files.isRegularFile(file)) { // follows a symlink to a file
              out.put(slashed(rel), file);
            }
            return FileVisitResult.CONTINUE;
          }
        });
    return out;
  }

  /**
   * Copies the deployable files of {@code project} into the empty {@code dest}; returns the hash.
   */
  static String copy(Path project, Path dest) throws IOException {
    ContentHash hash = new ContentHash();
    byte[] buffer = new byte[64 * 1024];
    for (Map.Entry<String, Path> e : files(project).entrySet()) {
      Path target = dest.resolve(e.getKey());
      Files.createDirectories(target.getParent());
      MessageDigest digest = ContentHash.sha256();
      try (InputStream in = Files.newInputStream(e.getValue());
          OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW)) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
        }
      }
      fsync(target);
      boolean executable = TreeFiles.isExecutable(e.getValue());
      TreeFiles.setExecutable(target, executable);
      hash.add(
          e.getKey(), executable ? ContentHash.EXECUTABLE : ContentHash.REGULAR, digest.digest());
    }
    return hash.hex();
  }

  static void fsync(Path file) throws IOException {
    try (var ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
  }

  private static String slashed(Path rel) {
    StringBuilder b = new StringBuilder();
    for (Path part : rel) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(part);
    }
    return b.toString();
  }
}
