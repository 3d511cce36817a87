package dev.duckstring.http;

import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/** The client's unpacking of a Ripple download, which refuses entries that escape the target. */
final class RippleZip {
  private RippleZip() {}

  /**
   * Unpacks entries {@code ripple/<relative path>} into {@code to}, refusing any that escape it.
   */
  static int unzip(InputStream in, String ripple, Path to) throws IOException {
    Path dest = to.toAbsolutePath().normalize();
    Files.createDirectories(dest);
    int files = 0;
    try (ZipInputStream z = new ZipInputStream(in)) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        String entry = e.getName();
        if (!entry.startsWith(ripple + "/")) {
          throw new DuckstringException(
              "unexpected entry '" + entry + "' in the download of " + ripple);
        }
        String rel = entry.substring(ripple.length() + 1);
        Path target = dest.resolve(rel).normalize();
        if (rel.isEmpty()
            || rel.startsWith("/")
            || rel.contains("\\")
            || rel.contains("\0")
            || List.of(rel.split("/")).contains("..")
            || !target.startsWith(dest)
            || target.equals(dest)) {
          throw new DuckstringException(
              "refusing entry '" + entry + "': it would be written outside " + dest);
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.copy(z, target, StandardCopyOption.REPLACE_EXISTING);
        files++;
      }
    }
    return files;
  }
}
