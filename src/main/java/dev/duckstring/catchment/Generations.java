package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Dirs;
import dev.duckstring.fs.Trees;
import dev.duckstring.fs.WriteFence;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Published generations of a line: {@code data/<generation>/<ripple>/...} switched by the {@code
 * data/CURRENT} pointer, which is written last. Readers resolve CURRENT once and read that
 * generation only, so they never see half a run.
 */
public final class Generations {
  /** Newest run directories of a line whose temporaries are swept at start. */
  static final int RECENT_RUNS = 8;

  /** Generations kept besides the current one, for readers still on an older one. */
  static final int KEEP_OLD = 2;

  private final CatchmentLayout layout;

  public Generations(CatchmentLayout layout) {
    this.layout = layout;
  }

  /** The published generation's directory, if anything has been published and it still exists. */
  public Optional<Path> current(LineId line) {
    Optional<String> name = currentName(line);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Path dir;
    try {
      dir = layout.generation(line, name.get());
    } catch (DuckstringException e) {
      return Optional.empty(); // not a plain name: it names nothing
    }
    return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) ? Optional.of(dir) : Optional.empty();
  }

  /** The name CURRENT holds, whether or not that generation exists. */
  public Optional<String> currentName(LineId line) {
    String name;
    try {
      name = AtomicFiles.readStringOrNull(layout.current(line));
    } catch (DuckstringException e) {
      return Optional.of("(unreadable: " + e.getMessage() + ")"); // names no generation: no data
    }
    return name == null || name.isBlank() ? Optional.empty() : Optional.of(name.strip());
  }

  /** The name CURRENT holds when that generation directory is missing (a damaged root). */
  public Optional<String> dangling(LineId line) {
    Optional<String> name = currentName(line);
    return name.isPresent() && current(line).isEmpty() ? name : Optional.empty();
  }

  /** The published directory of one Ripple, or a one-line error. */
  public Path ripple(LineId line, String ripple) {
    Path gen =
        current(line)
            .orElseThrow(
                () -> new DuckstringException(line + " has not published anything yet (pulse it)"));
    Path dir = gen.resolve(CatchmentLayout.checkSegment("ripple", ripple));
    if (!Files.isDirectory(dir)) {
      List<String> known = Dirs.names(gen);
      throw new DuckstringException(
          "unknown ripple '"
              + ripple
              + "' in "
              + line
              + Suggest.hint(ripple, known)
              + "; published: "
              + String.join(", ", known));
    }
    return dir;
  }

  /** What one publish did: the generation it created and whether its content changed. */
  public record Publication(String generation, boolean changed) {}

  /**
   * Publishes {@code outputs} (Ripple name to a completed output directory) for run {@code runId}:
   * hard-links (or copies) the files into a temporary directory, makes it read-only, renames it
   * into place under a name no generation has (the run id, or {@code <runId>-<n>} when a crash made
   * the run publish again), then switches CURRENT. An existing generation is never touched.
   */
  public Publication publish(LineId line, String runId, Map<String, Path> outputs) {
    return publish(line, runId, outputs, dir -> false);
  }

  /** As above; pruning keeps every older generation {@code inUse} says a reader was handed. */
  public Publication publish(
      LineId line, String runId, Map<String, Path> outputs, Predicate<Path> inUse) {
    return publish(line, runId, outputs, inUse, null, outputs.keySet());
  }

  /**
   * As {@link #publish(LineId, String, Map, Predicate)} with fewer waits for the disk (decision
   * 58): the files of the Ripples {@code unforced} names (decision 62: the others are on disk),
   * {@code CURRENT}'s content and the generation's directories are forced together, then the
   * generation is renamed in and {@code data/} forced, then {@code CURRENT} is renamed; the last
   * force of {@code data/} goes to {@code commit} (its first phase), or is made here without one.
   */
  public Publication publish(
      LineId line,
      String runId,
      Map<String, Path> outputs,
      Predicate<Path> inUse,
      GroupCommit commit,
      Set<String> unforced) {
    Path data = layout.data(line);
    try {
      Dirs.ensure(data);
      String name = freshName(line, runId);
      Path target = layout.generation(line, name);
      Optional<Path> baseline = baseline(line, runId);
      Path tmp = data.resolve(AtomicFiles.tempName(name));
      Path pointer = data.resolve(AtomicFiles.tempName("CURRENT"));
      boolean moved = false;
      boolean pointed = false;
      try {
        Files.createDirectory(tmp);
        for (Map.Entry<String, Path> e : outputs.entrySet()) {
          String ripple = CatchmentLayout.checkSegment("ripple", e.getKey());
          GenerationFiles.linkTree(ripple, e.getValue(), e.getValue(), tmp.resolve(ripple));
        }
        WriteFence.check();
        Files.writeString(pointer, name + "\n", StandardOpenOption.CREATE_NEW);
        GenerationFiles.freeze(tmp, pointer, unforced); // with CURRENT's content

        AtomicFiles.move(tmp, target);
        moved = true;
        AtomicFiles.fsyncDirectory(data); // the generation is on disk before CURRENT names it
        boolean changed = baseline.map(p -> !GenerationFiles.sameContent(p, target)).orElse(true);
        AtomicFiles.move(pointer, layout.current(line));
        pointed = true;
        if (commit == null) {
          AtomicFiles.fsyncDirectory(data);
        } else {
          commit.force(GroupCommit.Phase.RECORDS, data);
        }
        try {
          prune(line, name, inUse);
        } catch (IOException | DuckstringException e) {
          // published all the same; the next publish prunes again
        }
        return new Publication(name, changed);
      } finally {
        if (!moved) { // renamed in, it is gone: no stat that would throw (decision 71)
          Trees.delete(tmp);
        }
        if (!pointed) {
          Files.deleteIfExists(pointer);
        }
        if (moved && !name.equals(currentName(line).orElse(null))) {
          Trees.delete(target); // CURRENT never named it, so no reader can be in it
        }
      }
    } catch (IOException e) {
      throw new DuckstringException(
          "cannot publish " + line + " " + runId + ": " + e.getMessage(), e);
    }
  }

  /** {@code runId}, or the next {@code runId-<n>} when a generation of that run exists already. */
  private String freshName(LineId line, String runId) {
    int next = -1;
    for (String g : Dirs.names(layout.data(line))) {
      if (base(g).equals(runId)) {
        next = Math.max(next, suffix(g));
      }
    }
    return next < 0 ? runId : runId + "-" + (next + 1);
  }

  /**
   * What "changed" is measured against: CURRENT, unless CURRENT already holds this run (a restart
   * after a crash in the publish window), then the newest generation of an earlier run.
   */
  private Optional<Path> baseline(LineId line, String runId) {
    Optional<Path> current = current(line);
    if (current.isEmpty() || !base(current.get().getFileName().toString()).equals(runId)) {
      return current;
    }
    return generationNames(line).stream()
        .filter(g -> base(g).compareTo(runId) < 0)
        .max(ORDER)
        .map(g -> layout.generation(line, g));
  }

  /** Generation directory names of a line (no temporaries, no CURRENT). */
  private List<String> generationNames(LineId line) {
    List<String> out = new ArrayList<>();
    for (String name : Dirs.names(layout.data(line))) {
      if (!name.equals("CURRENT")
          && Files.isDirectory(layout.data(line).resolve(name), LinkOption.NOFOLLOW_LINKS)) {
        out.add(name);
      }
    }
    return out;
  }

  /** Generation names in publishing order: by run id, then by the re-publish suffix. */
  static final Comparator<String> ORDER =
      Comparator.comparing(Generations::base).thenComparingInt(Generations::suffix);

  private static String base(String generation) {
    int dash = generation.lastIndexOf('-');
    return dash > 0 && isDigits(generation.substring(dash + 1))
        ? generation.substring(0, dash)
        : generation;
  }

  private static int suffix(String generation) {
    int dash = generation.lastIndexOf('-');
    if (dash > 0 && isDigits(generation.substring(dash + 1))) {
      try {
        return Integer.parseInt(generation.substring(dash + 1));
      } catch (NumberFormatException e) {
        return Integer.MAX_VALUE;
      }
    }
    return 0;
  }

  private static boolean isDigits(String s) {
    return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }

  /**
   * Deletes generations older than {@code keep} (the one CURRENT now names) beyond the {@link
   * #KEEP_OLD} newest of them; {@code keep}, anything ordered after it and any generation {@code
   * inUse} are never deleted.
   */
  private void prune(LineId line, String keep, Predicate<Path> inUse) throws IOException {
    List<String> older =
        new ArrayList<>(
            generationNames(line).stream().filter(g -> ORDER.compare(g, keep) < 0).toList());
    older.sort(ORDER);
    for (int i = 0; i < older.size() - KEEP_OLD; i++) {
      Path generation = layout.generation(line, older.get(i));
      if (!inUse.test(generation)) {
        Trees.delete(generation);
      }
    }
  }

  /**
   * Deletes what a crash left in the line's directory, its {@code data/} and its newest run
   * directories: temporaries named {@code .tmp-*} (half-built generations, unrenamed state, status
   * or run files). Call it at start, before anything writes there.
   */
  public void sweep(LineId line) {
    List<Path> dirs = new ArrayList<>(List.of(layout.line(line), layout.data(line)));
    // A crash leaves run-record temporaries (.tmp-run.json.*, .tmp-<ripple>.log.*) only in runs
    // that were in flight, which are the newest: run ids sort by freshness.
    List<String> runs = Dirs.names(layout.runs(line));
    for (String run : runs.subList(Math.max(0, runs.size() - RECENT_RUNS), runs.size())) {
      dirs.add(layout.runs(line).resolve(run));
    }
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        continue;
      }
      try {
        Trees.deleteTemporaries(dir);
      } catch (IOException e) {
        throw new DuckstringException(
            "cannot sweep temporaries in " + dir + ": " + e.getMessage(), e);
      }
    }
  }

  /** Every line directory ({@code m<major>}) under {@code pond}, deployed or not. */
  public List<LineId> lineDirs(String pond) {
    List<LineId> out = new ArrayList<>();
    for (String name : Dirs.names(layout.pond(pond))) {
      if (name.matches("m\\d{1,9}")) {
        out.add(new LineId(pond, Integer.parseInt(name.substring(1))));
      }
    }
    return out;
  }
}
