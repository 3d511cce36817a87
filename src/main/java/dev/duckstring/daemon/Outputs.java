package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.fs.Dirs;
import dev.duckstring.fs.Trees;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Ripple outputs staged under {@code work/<run>/<ripple>/}: the latest completed output of each
 * Ripple (what children read and the next publish links), the directories pinned by Ripples that
 * are queued or running, and the pruning of {@code work/} that never removes either (decision 12).
 * Used by the reactor thread only.
 */
final class Outputs {
  private final CatchmentLayout layout;
  private final Generations generations;
  private final Map<LineId, Map<String, Path>> latest = new HashMap<>();

  /** Directories handed to a job (its inputs and its output), by job, until its RippleDone. */
  private final Map<Job, List<List<Path>>> pinned = new HashMap<>();

  /** File keys of previous outputs found unreadable: never handed to a Ripple again. */
  private final Map<LineId, Set<Object>> discarded = new HashMap<>();

  /** The rebuild run of each line that has one in flight (refresh): no self-read in it. */
  private final Map<LineId, Instant> rebuilds = new HashMap<>();

  /** One outstanding Ripple attempt: a Ripple runs one attempt at a time. */
  private record Job(LineId line, String ripple, Instant f) {}

  Outputs(CatchmentLayout layout) {
    this.layout = layout;
    this.generations = new Generations(layout);
  }

  /** Where Ripple {@code ripple} of run {@code f} puts its completed output. */
  Path stageDir(LineId line, Instant f, String ripple) {
    return layout.work(line).resolve(RunRecords.runId(f)).resolve(ripple);
  }

  /**
   * The Pond tables handed to Ripple {@code ripple}: every Ripple's latest completed output, and
   * for the Ripple itself (its self-read) the newest previous output not found unreadable.
   */
  Map<String, Path> inputs(LineId line, String ripple) {
    Map<String, Path> out = new LinkedHashMap<>(latest.getOrDefault(line, Map.of()));
    out.remove(ripple);
    previous(line, ripple).ifPresent(p -> out.put(ripple, p));
    return out;
  }

  /** As {@link #inputs(LineId, String)} for run {@code f}; a rebuild run has no self-read. */
  Map<String, Path> inputs(LineId line, String ripple, Instant f) {
    Map<String, Path> out = inputs(line, ripple);
    if (f.equals(rebuilds.get(line))) {
      out.remove(ripple);
    }
    return out;
  }

  /**
   * Run {@code f} of {@code line} is a rebuild: its Ripples get no previous output of their own.
   */
  void rebuild(LineId line, Instant f) {
    rebuilds.put(line, f);
  }

  /** Run {@code f} of {@code line} starts: a rebuild at that F is over (it is its own run). */
  void runStarted(LineId line, Instant f) {
    rebuilds.remove(line, f);
  }

  private Optional<Path> previous(LineId line, String ripple) {
    Path own = latest.getOrDefault(line, Map.of()).get(ripple);
    if (own != null) {
      return Optional.of(own);
    }
    Set<Object> bad = discarded.getOrDefault(line, Set.of());
    List<String> gens =
        new ArrayList<>(
            list(layout.data(line)).stream().map(p -> p.getFileName().toString()).toList());
    Collections.reverse(gens);
    for (String g : gens) {
      Path dir = layout.generation(line, g).resolve(ripple);
      if (Files.isDirectory(dir) && Collections.disjoint(fileKeys(dir), bad)) {
        return Optional.of(dir);
      }
    }
    return Optional.empty();
  }

  /**
   * Pins what job {@code job} was handed (its inputs, its Sources' generations and its output)
   * until {@link #done}.
   */
  void started(RippleJob job) {
    List<Path> dirs = new ArrayList<>(job.own().values());
    dirs.addAll(job.sources().values()); // Source generations: their publishes must not prune them
    dirs.add(job.output());
    pin(job.line(), job.ripple(), job.f(), dirs);
  }

  /** Pins {@code dirs} for {@code holder} (a Ripple, or a run's data tests) until {@link #done}. */
  void pin(LineId line, String holder, Instant f, List<Path> dirs) {
    pinned.computeIfAbsent(new Job(line, holder, f), k -> new ArrayList<>()).add(dirs);
  }

  /**
   * The reactor processed the end of a job: unpins it, and on success makes {@code output} the
   * Ripple's latest. Returns false for a report of no outstanding job (stale), which changes
   * nothing.
   */
  boolean done(LineId line, String ripple, Instant f, Path output) {
    List<List<Path>> jobs = pinned.get(new Job(line, ripple, f));
    if (jobs == null) {
      return false;
    }
    jobs.remove(0);
    if (jobs.isEmpty()) {
      pinned.remove(new Job(line, ripple, f));
    }
    if (output != null) {
      latest.computeIfAbsent(line, l -> new HashMap<>()).put(ripple, output);
    }
    return true;
  }

  Map<String, Path> latest(LineId line) {
    return Map.copyOf(latest.getOrDefault(line, Map.of()));
  }

  /**
   * A Ripple's previous output {@code dir} could not be read: it is never handed out again (nor any
   * directory holding the same files, such as its published hard links), so the next run reads the
   * newest earlier output that is still readable, or none (decision 13).
   */
  void discard(LineId line, String ripple, Path dir) {
    Map<String, Path> mine = latest.getOrDefault(line, new HashMap<>());
    if (dir.equals(mine.get(ripple))) {
      mine.remove(ripple);
    }
    discarded.computeIfAbsent(line, l -> new HashSet<>()).addAll(fileKeys(dir));
    discarded.get(line).add(dir.toAbsolutePath().normalize().toString());
  }

  /**
   * At start, before any worker runs: deletes the temporaries of Ripples killed with the previous
   * daemon, takes each Ripple's latest output from the engine state (its output at its endF; the
   * published one when that is gone or without a state: decision 62), and prunes every run
   * directory nothing needs any more. A resumed run needs only these: its re-dispatched Ripples
   * rewrite their own output and read the latest outputs.
   */
  void recover(LineId line, Set<String> ripples, EngineSnapshot.LineState state) {
    Path work = layout.work(line);
    deleteTemporaries(work);
    for (Path run : list(work)) {
      deleteTemporaries(run);
    }
    Map<String, Path> map = latest.computeIfAbsent(line, l -> new HashMap<>());
    Path current = generations.current(line).orElse(null);
    for (String r : ripples) {
      EngineSnapshot.RippleState rs = state == null ? null : state.ripples().get(r);
      Path found = null;
      // Only an output a durable state names was forced (decision 62): any other staged one may be
      // torn after an OS crash, so without state the published copy is the latest.
      if (rs != null && rs.endF() != null) {
        Path staged = stageDir(line, rs.endF(), r);
        found = Files.isDirectory(staged) ? staged : null;
      }
      if (found == null && current != null && Files.isDirectory(current.resolve(r))) {
        found = current.resolve(r);
      }
      if (found != null) {
        map.put(r, found);
      }
    }
    prune(line);
  }

  /** True when a queued or running Ripple was handed {@code dir} or something inside it. */
  boolean inUse(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    for (List<List<Path>> jobs : pinned.values()) {
      for (List<Path> dirs : jobs) {
        for (Path p : dirs) {
          if (p.toAbsolutePath().normalize().startsWith(d)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * Deletes the staged run directories that hold no Ripple's latest output and nothing a queued or
   * running Ripple was handed (its inputs, its output, whose completion is not processed yet).
   */
  void prune(LineId line) {
    Path work = layout.work(line);
    Set<Path> keep = new HashSet<>();
    for (Path p : latest.getOrDefault(line, Map.of()).values()) {
      keep.add(runOf(work, p));
    }
    for (var e : pinned.entrySet()) {
      if (e.getKey().line().equals(line)) {
        e.getValue().forEach(dirs -> dirs.forEach(p -> keep.add(runOf(work, p))));
      }
    }
    for (Path run : list(work)) {
      if (keep.contains(run)) {
        continue;
      }
      try {
        Trees.delete(run);
      } catch (IOException e) {
        // left for the next prune: nothing needs it, and a failed clean-up must not fail a run
      }
    }
  }

  /** The run directory {@code p} lives in under {@code work}, or null when it is elsewhere. */
  private static Path runOf(Path work, Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path w = work.toAbsolutePath().normalize();
    if (!abs.startsWith(w) || abs.getNameCount() <= w.getNameCount()) {
      return null;
    }
    return work.resolve(abs.getName(w.getNameCount()).toString());
  }

  private static void deleteTemporaries(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try {
      Trees.deleteTemporaries(dir);
    } catch (IOException e) {
      throw new DuckstringException("cannot clean " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Set<Object> fileKeys(Path dir) {
    Set<Object> keys = new HashSet<>();
    keys.add(dir.toAbsolutePath().normalize().toString());
    if (!Files.isDirectory(dir)) {
      return keys;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        Object key = Files.readAttributes(f, BasicFileAttributes.class).fileKey();
        if (key != null) {
          keys.add(key);
        }
      }
    } catch (IOException e) {
      // an unreadable tree is only compared by its path
    }
    return keys;
  }

  private static List<Path> list(Path dir) {
    return Dirs.names(dir).stream().map(dir::resolve).filter(Files::isDirectory).toList();
  }
}
