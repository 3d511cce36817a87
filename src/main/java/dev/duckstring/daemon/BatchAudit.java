package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A test's check of decision 60, off unless a test registers a root: the daemon on that root also
 * writes every line's state and status the full way (every line built, compared and written when
 * changed) into a shadow root, and after each batch the state.json and status.json files of both
 * are compared byte for byte.
 */
final class BatchAudit {
  private static final Map<Path, BatchAudit> ROOTS = new ConcurrentHashMap<>();
  private static final Set<String> FILES = Set.of("state.json", "status.json");

  private final Path root;
  private final Path shadow;
  private final List<String> mismatches = new CopyOnWriteArrayList<>();
  private final AtomicInteger batches = new AtomicInteger();

  private BatchAudit(Path root, Path shadow) {
    this.root = root;
    this.shadow = shadow;
  }

  /** Audits the daemons started on {@code root} from now, with {@code shadow} as their shadow. */
  static BatchAudit register(Path root, Path shadow) {
    BatchAudit audit = new BatchAudit(key(root), shadow);
    ROOTS.put(audit.root, audit);
    return audit;
  }

  /** The audit registered for {@code root}, or null (always, outside such a test). */
  static BatchAudit of(Path root) {
    return ROOTS.isEmpty() ? null : ROOTS.get(key(root));
  }

  private static Path key(Path root) {
    return root.toAbsolutePath().normalize();
  }

  void unregister() {
    ROOTS.remove(root);
  }

  CatchmentLayout shadow() {
    return new CatchmentLayout(shadow);
  }

  /** After a batch: each file of the root must hold what the shadow's holds. */
  void check() {
    int batch = batches.incrementAndGet();
    Set<Path> names = new TreeSet<>(files(root));
    names.addAll(files(shadow));
    for (Path name : names) {
      byte[] mine = read(root.resolve(name));
      byte[] full = read(shadow.resolve(name));
      if (!Arrays.equals(mine, full)) {
        mismatches.add(
            "batch "
                + batch
                + ": "
                + name
                + "\n  written: "
                + text(mine)
                + "\n  full:    "
                + text(full));
      }
    }
  }

  /** What differed, one entry per file and batch. */
  List<String> mismatches() {
    return List.copyOf(mismatches);
  }

  int batches() {
    return batches.get();
  }

  private static Set<Path> files(Path base) {
    Path ponds = base.resolve("ponds");
    Set<Path> found = new TreeSet<>();
    if (!Files.isDirectory(ponds)) {
      return found;
    }
    try (Stream<Path> all = Files.walk(ponds, 3)) {
      all.filter(p -> FILES.contains(p.getFileName().toString()))
          .forEach(p -> found.add(base.relativize(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found;
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      return null;
    }
  }

  private static String text(byte[] b) {
    return b == null ? "(none)" : new String(b, StandardCharsets.UTF_8).replace('\n', ' ');
  }
}
