package dev.duckstring.deploy;

import dev.duckstring.model.DuckstringException;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;

/**
 * Recomputes the {@code content_hash} of a deployed version directory as deploy wrote it (same skip
 * rules, modes and symlink rule; {@code DEPLOY.toml} left out), so the daemon can refuse a version
 * whose files were changed after deploy.
 */
public final class VersionContent {
  private VersionContent() {}

  /** The content hash of {@code versionDir}; a special file (FIFO, device) is a one-line error. */
  public static String hash(Path versionDir) {
    ContentHash hash = new ContentHash();
    byte[] buffer = new byte[64 * 1024];
    try {
      Files.walkFileTree(
          versionDir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              if (dir.equals(versionDir)) {
                return FileVisitResult.CONTINUE;
              }
              int depth = versionDir.relativize(dir).getNameCount() - 1;
              return SkipRules.skipDirectory(dir.getFileName().toString(), depth)
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Path rel = versionDir.relativize(file);
              if (SkipRules.skipFile(file.getFileName().toString(), rel.getNameCount() - 1)) {
                return FileVisitResult.CONTINUE;
              }
              String path = rel.toString().replace(File.separatorChar, '/');
              MessageDigest digest = ContentHash.sha256();
              if (attrs.isSymbolicLink()) {
                byte[] link =
                    Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
                hash.add(path, ContentHash.SYMLINK, digest.digest(link));
              } else if (attrs.isRegularFile()) {
                try (InputStream in = Files.newInputStream(file)) {
                  for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                  }
                }
                boolean executable = TreeFiles.isExecutable(file);
                hash.add(
                    path,
                    executable ? ContentHash.EXECUTABLE : ContentHash.REGULAR,
                    digest.digest());
              } else {
                throw new DuckstringException(
                    file + " is not a regular file; deploy never writes one");
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new DuckstringException("cannot read " + versionDir + ": " + TreeFiles.describe(e), e);
    }
    return hash.hex();
  }
}
