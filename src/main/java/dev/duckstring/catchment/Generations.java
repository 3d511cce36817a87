package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Published generations of a line: {@code data/<generation>/<ripple>/...} switched by the {@code
 * data/CURRENT} pointer, which is written last. Readers resolve CURRENT once and read that
 * generation only, so they never see half a run.
 */
public final class Generations {
  /** Generations kept besides the current one, for readers still on an older one. */
  static final int KEEP_OLD = 2;

  private final CatchmentLayout layout;

  public Generations(CatchmentLayout layout) {
    this.layout = layout;
  }

  /** The published generation's directory, if anything has been published. */
  public Optional<Path> current(LineId line) {
    String name = AtomicFiles.readStringOrNull(layout.current(line));
    if (name == null || name.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(layout.generation(line, name.strip()));
  }

  /** The published directory of one Ripple, or a one-line error. */
  public Path ripple(LineId line, String ripple) {
    Path gen =
        current(line)
            .orElseThrow(
                () -> new DuckstringException(line + " has not published anything yet (pulse it)"));
    Path dir = gen.resolve(CatchmentLayout.checkSegment("ripple", ripple));
    if (!Files.isDirectory(dir)) {
      List<String> known = Deployments.list(gen);
      throw new DuckstringException(
          "unknown ripple '"
              + ripple
              + "' in "
              + line
              + dev.duckstring.manifest.Suggest.hint(ripple, known)
              + "; published: "
              + String.join(", ", known));
    }
    return dir;
  }

  /**
   * Publishes {@code outputs} (Ripple name to a completed output directory) as generation {@code
   * name}: hard-links (or copies) the files into a temporary directory, renames it into place,
   * then switches CURRENT. Returns whether the content differs from the previous generation.
   */
  public boolean publish(LineId line, String name, Map<String, Path> outputs) {
    Path data = layout.data(line);
    Path target = layout.generation(line, name);
    Optional<Path> previous = current(line);
    try {
      Files.createDirectories(data);
      Path tmp = data.resolve(AtomicFiles.tempName(name));
      try {
        Files.createDirectory(tmp);
        for (Map.Entry<String, Path> e : outputs.entrySet()) {
          linkTree(e.getValue(), tmp.resolve(CatchmentLayout.checkSegment("ripple", e.getKey())));
        }
        if (Files.exists(target)) {
          deleteTree(target);
        }
        AtomicFiles.move(tmp, target);
      } finally {
        if (Files.exists(tmp)) {
          deleteTree(tmp);
        }
      }
      AtomicFiles.fsyncDirectory(data);
      boolean changed = previous.map(p -> !sameContent(p, target)).orElse(true);
      AtomicFiles.writeString(layout.current(line), name + "\n");
      prune(line, name);
      return changed;
    } catch (IOException e) {
      throw new DuckstringException("cannot publish " + line + " " + name + ": " + e.getMessage(), e);
    }
  }

  private void prune(LineId line, String keep) throws IOException {
    List<String> names = new ArrayList<>(Deployments.list(layout.data(line)));
    names.remove("CURRENT");
    names.remove(keep);
    names.sort(null);
    for (int i = 0; i < names.size() - KEEP_OLD; i++) {
      deleteTree(layout.generation(line, names.get(i)));
    }
  }

  private static void linkTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> s = Files.list(from)) {
      for (Path p : s.sorted().toList()) {
        Path dest = to.resolve(p.getFileName().toString());
        if (Files.isDirectory(p)) {
          linkTree(p, dest);
        } else {
          try {
            Files.createLink(dest, p);
          } catch (UnsupportedOperationException | FileSystemException e) {
            Files.copy(p, dest);
          }
        }
      }
    }
  }

  /** True when both trees hold the same relative paths with the same bytes (sizes first). */
  static boolean sameContent(Path a, Path b) {
    try {
      List<Path> fa = files(a);
      List<Path> fb = files(b);
      if (!fa.stream().map(a::relativize).toList().equals(fb.stream().map(b::relativize).toList())) {
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

  /** Deletes a directory tree (used for temporaries and pruning). */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
