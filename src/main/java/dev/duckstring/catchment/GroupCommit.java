package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Dirs;
import dev.duckstring.fs.WriteFence;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One group commit of durable file replacements (decision 58): each phase writes all its temporary
 * files, forces them to disk together, renames them into place, then forces each directory once; a
 * phase starts only once the one before it is on disk. The fsyncs of a phase run in parallel, so
 * the file system merges them into few journal commits. Every file is replaced atomically and
 * durably, as {@link AtomicFiles#write} does it, only with its fsyncs shared. A lost lease (the
 * write fence) is not a file's failure: it propagates.
 */
public final class GroupCommit {
  /** The phases, in commit order: what a later phase says may rely on an earlier one. */
  public enum Phase {
    /** Run records and schema contracts (what state.json's saved runs rely on). */
    RECORDS,
    /** Engine state (state.json): saved last, then the signals it holds are deleted. */
    STATE
  }

  private final Map<Phase, Map<Path, byte[]>> pending = new LinkedHashMap<>();
  private final Map<Phase, Set<Path>> directories = new LinkedHashMap<>();
  private final Map<Phase, Set<Path>> files = new LinkedHashMap<>();

  public GroupCommit() {
    for (Phase p : Phase.values()) {
      pending.put(p, new LinkedHashMap<>());
      directories.put(p, new LinkedHashSet<>());
      files.put(p, new LinkedHashSet<>());
    }
  }

  /** Forces directory {@code dir} (a rename made in it) with phase {@code phase}'s directories. */
  public void force(Phase phase, Path dir) {
    directories.get(phase).add(dir.toAbsolutePath());
  }

  /**
   * Forces every file and directory under {@code root} (a Ripple's output, written but not forced)
   * with phase {@code phase}'s files; one that cannot be forced is reported, not retried.
   */
  public void forceTree(Phase phase, Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          directories.get(phase).add(p.toAbsolutePath());
        } else {
          files.get(phase).add(p.toAbsolutePath());
        }
      }
    } catch (IOException | UncheckedIOException e) {
      files.get(phase).add(root.toAbsolutePath()); // its force then says what is wrong
    }
  }

  /** Replaces {@code target} with {@code content} in phase {@code phase} (a later add wins). */
  public void add(Phase phase, Path target, byte[] content) {
    pending.get(phase).put(target, content);
  }

  /** True when nothing waits to be committed. */
  public boolean isEmpty() {
    return pending.values().stream().allMatch(Map::isEmpty)
        && directories.values().stream().allMatch(Set::isEmpty)
        && files.values().stream().allMatch(Set::isEmpty);
  }

  /**
   * Commits every file added, phase by phase, using {@code pool} for the parallel fsyncs; returns
   * the files that could not be written ({@code failed} hears why), which are left as they were.
   * After a phase with a failure, the later phases still run: each file stands for itself.
   */
  public Set<Path> commit(ExecutorService pool, Consumer<String> failed) {
    return commit(pool, failed, phase -> {});
  }

  /** As {@link #commit(ExecutorService, Consumer)}; {@code ended} hears of each phase on disk. */
  public Set<Path> commit(ExecutorService pool, Consumer<String> failed, Consumer<Phase> ended) {
    Set<Path> bad = new HashSet<>();
    for (Phase p : Phase.values()) {
      Map<Path, byte[]> writes = pending.get(p);
      if (!writes.isEmpty() || !directories.get(p).isEmpty() || !files.get(p).isEmpty()) {
        bad.addAll(phase(writes, files.get(p), directories.get(p), pool, failed));
        writes.clear();
        files.get(p).clear();
        directories.get(p).clear();
      }
      ended.accept(p);
    }
    return bad;
  }

  private static Set<Path> phase(
      Map<Path, byte[]> files,
      Set<Path> written,
      Set<Path> extra,
      ExecutorService pool,
      Consumer<String> failed) {
    Set<Path> bad = new HashSet<>();
    Map<Path, Path> temps = new LinkedHashMap<>(); // target -> its temporary
    for (var e : files.entrySet()) {
      Path target = e.getKey();
      try {
        temps.put(target, writeTemp(target, e.getValue()));
      } catch (IOException | DuckstringException | UncheckedIOException ex) {
        bad.add(target);
        failed.accept(problem(target, ex));
      }
    }
    List<Path> synced = new ArrayList<>();
    List<Runnable> forces = new ArrayList<>();
    for (Path tmp : temps.values()) {
      forces.add(() -> force(tmp));
    }
    for (Path f : written) {
      forces.add(() -> force(f));
    }
    List<Throwable> results = parallel(forces, pool);
    for (int k = temps.size(); k < results.size(); k++) {
      if (results.get(k) != null) {
        failed.accept(String.valueOf(results.get(k).getMessage()));
      }
    }
    int i = 0;
    for (var e : temps.entrySet()) {
      Throwable t = results.get(i++);
      if (t == null) {
        synced.add(e.getKey());
      } else {
        bad.add(e.getKey());
        failed.accept(problem(e.getKey(), t));
        deleteQuietly(e.getValue());
      }
    }
    Set<Path> dirs = new LinkedHashSet<>(extra);
    for (Path target : synced) {
      try {
        AtomicFiles.move(temps.get(target), target);
        dirs.add(target.toAbsolutePath().getParent());
      } catch (IOException | DuckstringException | UncheckedIOException ex) {
        bad.add(target);
        failed.accept(problem(target, ex));
        deleteQuietly(temps.get(target));
      }
    }
    List<Runnable> dirForces = new ArrayList<>();
    for (Path d : dirs) {
      dirForces.add(() -> AtomicFiles.fsyncDirectory(d));
    }
    parallel(dirForces, pool);
    return bad;
  }

  /** Writes {@code content} to a fresh temporary beside {@code target}, without forcing it. */
  private static Path writeTemp(Path target, byte[] content) throws IOException {
    WriteFence.check(); // not even a temporary: checked again at the rename
    Path dir = target.toAbsolutePath().getParent();
    Dirs.ensure(dir);
    Path tmp = dir.resolve(AtomicFiles.tempName(target.getFileName().toString()));
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(content);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
    } catch (IOException | RuntimeException e) {
      deleteQuietly(tmp);
      throw e;
    }
    return tmp;
  }

  private static void force(Path file) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      throw new DuckstringException("cannot force " + file + " to disk: " + e.getMessage(), e);
    }
  }

  /** Runs {@code tasks} (inline when there is one), returning each one's failure or null. */
  private static List<Throwable> parallel(List<Runnable> tasks, ExecutorService pool) {
    List<Throwable> out = new ArrayList<>();
    if (tasks.size() <= 1 || pool == null) {
      for (Runnable r : tasks) {
        out.add(run(r));
      }
      return out;
    }
    List<Future<Throwable>> futures = new ArrayList<>();
    for (Runnable r : tasks) {
      futures.add(pool.submit(() -> run(r)));
    }
    for (Future<Throwable> f : futures) {
      try {
        out.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DuckstringException("interrupted while committing files", e);
      } catch (ExecutionException e) {
        out.add(e.getCause());
      }
    }
    return out;
  }

  private static Throwable run(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      return e;
    }
  }

  private static String problem(Path target, Throwable t) {
    String m = t instanceof DuckstringException ? t.getMessage() : String.valueOf(t.getMessage());
    return m != null && m.contains(target.getFileName().toString())
        ? m
        : "cannot write " + target + ": " + m;
  }

  private static void deleteQuietly(Path tmp) {
    try {
      Files.deleteIfExists(tmp);
    } catch (IOException e) {
      // a leftover temporary is skipped by every reader and swept at the next start
    }
  }
}
