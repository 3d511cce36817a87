package dev.duckstring.fs;

import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

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
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !AtomicFiles.isTemporary(n))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DuckstringException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
