package dev.duckstring.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small Pond projects for tests. */
public final class Projects {
  private Projects() {}

  /** Writes {@code files} (name, content, name, content, ...) under {@code dir}. */
  public static Path write(Path dir, String... files) {
    try {
      for (int i = 0; i < files.length; i += 2) {
        Path f = dir.resolve(files[i]);
        Files.createDirectories(f.getParent());
        Files.writeString(f, files[i + 1]);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A pond.toml for {@code name} at {@code version} with Sources given as {@code "src = \"1.0.0\""}
   * lines.
   */
  public static String toml(String name, String version, String... sources) {
    StringBuilder b =
        new StringBuilder("[pond]\nname = \"" + name + "\"\nversion = \"" + version + "\"\n");
    if (sources.length > 0) {
      b.append("[sources]\n");
      for (String s : sources) {
        b.append(s).append('\n');
      }
    }
    return b.toString();
  }

  /** Lists every file under {@code root} with its size, to check that nothing changed. */
  public static String tree(Path root) {
    if (!Files.exists(root)) {
      return "";
    }
    try (var s = Files.walk(root)) {
      StringBuilder b = new StringBuilder();
      for (Path p : s.sorted().toList()) {
        b.append(root.relativize(p));
        if (Files.isRegularFile(p)
            && !p.getFileName().toString().equals("events.log")
            && !p.getFileName().toString().equals("catchment.lock")) {
          b.append(' ').append(Files.size(p));
        }
        b.append('\n');
      }
      return b.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The pond.toml of Pond {@code slow}: command Ripple {@code first}, then {@code second}, which
   * waits for file {@code gate} to exist; each appends a line to {@code counts/<ripple>} per run.
   */
  public static String gatedPond(Path counts, Path gate) {
    return toml("slow", "1.0.0")
        + "[ripples.first]\ncommand = [\"sh\", \"-c\", \"echo x >> "
        + counts.resolve("first")
        + "; echo 1 > $DUCKSTRING_OUT/v.txt\"]\n"
        + "[ripples.second]\nparents = [\"first\"]\ncommand = [\"sh\", \"-c\", \"echo x >> "
        + counts.resolve("second")
        + "; while [ ! -f "
        + gate
        + " ]; do sleep 0.05; done; cat $DUCKSTRING_INPUT_FIRST/v.txt > $DUCKSTRING_OUT/v.txt\"]\n";
  }
}
