package dev.duckstring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No class in src/main is over 300 lines (issue 9): a longer one has more than one job. */
class SourceSizeTest {
  private static final int MAX_LINES = 300;

  @Test
  void noMainSourceIsOver300Lines() throws IOException {
    assertEquals(List.of(), over(Path.of("src/main/java")), "split these by job");
  }

  @Test
  void findsALongFile(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("Short.java"), "class Short {}\n");
    Files.writeString(dir.resolve("Long.java"), "class Long {\n" + "\n".repeat(300) + "}\n");
    assertEquals(List.of("Long.java: 302 lines"), over(dir));
  }

  private static List<String> over(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .sorted()
          .filter(f -> lines(f) > MAX_LINES)
          .map(f -> root.relativize(f) + ": " + lines(f) + " lines")
          .toList();
    }
  }

  private static long lines(Path file) {
    try (Stream<String> s = Files.lines(file)) {
      return s.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
