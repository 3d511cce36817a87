package dev.duckstring.fs;

import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Directory listings as every scanner reads them: names, sorted, temporaries skipped. */
public final class Dirs {
  private Dirs() {}

  /**
   * The names in {@code dir}, sorted, without temporaries and dot-names ({@link
   * AtomicFiles#isTemporary}); empty when {@code dir} is not a directory. A listing that fails is a
   * one-line error naming the directory.
   */
  public static List<String> names(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    // A loop, not a stream: every CLI command lists directories (decision 59).
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      for (Path p : s) {
        String n = p.getFileName().toString();
        if (!AtomicFiles.isTemporary(n)) {
          out.add(n);
        }
      }
    } catch (IOException e) {
      throw new DuckstringException("cannot list " + dir + ": " + e.getMessage(), e);
    } catch (DirectoryIteratorException e) {
      throw new UncheckedIOException(e.getCause()); // as Files.list reports it
    }
    Collections.sort(out);
    return Collections.unmodifiableList(out);
  }
}
