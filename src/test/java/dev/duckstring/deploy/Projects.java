package dev.duckstring.deploy;

import static dev.duckstring.testing.Projects.toml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Writes small Pond projects for deploy tests. */
final class Projects {
  private Projects() {}

  /** A project with one SQL Ripple; {@code sources} are {@code name = "pin"} lines. */
  static Path pond(Path dir, String name, String version, String... sources) {
    write(dir.resolve("pond.toml"), toml(name, version, sources));
    write(dir.resolve("src/daily.sql"), "select 1 as x\n");
    return dir;
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The names directly inside {@code dir}, sorted, dot-names included. */
  static List<String> names(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every path under {@code dir}, relative, sorted, with {@code /} separators. */
  static List<String> tree(Path dir) {
    if (!Files.exists(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      List<String> out = new ArrayList<>();
      s.filter(p -> !p.equals(dir))
          .forEach(p -> out.add(dir.relativize(p).toString().replace('\\', '/')));
      out.sort(null);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
