package dev.duckstring.fs;

import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
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
    if (!FileTests.isDirectory(dir)) {
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

  /**
   * Creates {@code dir} and its missing parents, as {@link Files#createDirectories} does, but finds
   * the missing ones with stats that throw nothing: the JDK's version throws and catches two
   * exceptions for each level it has to create and one more when {@code dir} exists (decision 71).
   * A file where a directory should be is a {@link FileAlreadyExistsException} naming it.
   */
  public static void ensure(Path dir) throws IOException {
    if (FileTests.isDirectory(dir)) {
      return;
    }
    Deque<Path> missing = new ArrayDeque<>();
    for (Path p = dir.toAbsolutePath(); p != null && !FileTests.isDirectory(p); p = p.getParent()) {
      missing.push(p); // the outermost ends up first
    }
    for (Path p : missing) {
      try {
        Files.createDirectory(p);
      } catch (FileAlreadyExistsException e) {
        if (!FileTests.isDirectory(p)) {
          throw e; // a file, or a link to one
        }
        // made meanwhile by another thread or process: as good
      }
    }
  }
}
