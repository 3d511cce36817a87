package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.RunStore;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Ripple outputs staged under {@code work/<run>/<ripple>/} and the latest completed output of each
 * Ripple of a line, which its children read and which the next publish links.
 */
final class Outputs {
  private final CatchmentLayout layout;
  private final Generations generations;
  private final Map<LineId, Map<String, Path>> latest = new HashMap<>();

  Outputs(CatchmentLayout layout) {
    this.layout = layout;
    this.generations = new Generations(layout);
  }

  /** Where Ripple {@code ripple} of run {@code f} puts its completed output. */
  Path stageDir(LineId line, Instant f, String ripple) {
    return layout.work(line).resolve(RunStore.runId(f)).resolve(ripple);
  }

  void completed(LineId line, String ripple, Path dir) {
    latest.computeIfAbsent(line, l -> new HashMap<>()).put(ripple, dir);
  }

  Map<String, Path> latest(LineId line) {
    return Map.copyOf(latest.getOrDefault(line, Map.of()));
  }

  /**
   * After a restart: the newest completed output of each Ripple, staged or published. Temporaries
   * of Ripples killed with the previous daemon are deleted (no worker runs yet).
   */
  void recover(LineId line, Set<String> ripples) {
    for (Path run : list(layout.work(line))) {
      try (Stream<Path> s = Files.list(run)) {
        for (Path p : s.filter(x -> x.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX)).toList()) {
          Generations.deleteTree(p);
        }
      } catch (IOException e) {
        throw new DuckstringException("cannot clean " + run + ": " + e.getMessage(), e);
      }
    }
    Map<String, TreeMap<String, Path>> found = new HashMap<>();
    generations
        .current(line)
        .ifPresent(
            g -> {
              for (String r : ripples) {
                if (Files.isDirectory(g.resolve(r))) {
                  found.computeIfAbsent(r, k -> new TreeMap<>()).put(g.getFileName().toString(), g.resolve(r));
                }
              }
            });
    for (Path run : list(layout.work(line))) {
      for (String r : ripples) {
        Path dir = run.resolve(r);
        if (Files.isDirectory(dir)) {
          found.computeIfAbsent(r, k -> new TreeMap<>()).put(run.getFileName().toString(), dir);
        }
      }
    }
    Map<String, Path> map = latest.computeIfAbsent(line, l -> new HashMap<>());
    found.forEach((r, byRun) -> map.put(r, byRun.lastEntry().getValue()));
  }

  /** Deletes staged runs no Ripple's latest output lives in and no running Ripple writes to. */
  void prune(LineId line) {
    Set<Path> keep = new HashSet<>();
    for (Path p : latest.getOrDefault(line, Map.of()).values()) {
      keep.add(p.getParent());
    }
    for (Path run : list(layout.work(line))) {
      if (keep.contains(run) || hasTemporaries(run)) {
        continue;
      }
      try {
        Generations.deleteTree(run);
      } catch (IOException e) {
        throw new DuckstringException("cannot prune " + run + ": " + e.getMessage(), e);
      }
    }
  }

  private static boolean hasTemporaries(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX));
    } catch (IOException e) {
      return true;
    }
  }

  private static List<Path> list(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !AtomicFiles.isTemporary(p.getFileName().toString()))
          .filter(Files::isDirectory)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DuckstringException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }
}
