package dev.duckstring.daemon;

import dev.duckstring.catchment.GroupCommit;
import dev.duckstring.catchment.SchemaContract;
import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The reactor batch's group commit (decision 58): the ended run records, the published schema
 * contracts and the last force of each publish's {@code data/}, then the changed state files; each
 * phase written, forced to disk together and renamed, once per batch. A commit goes to disk on its
 * own thread while the reactor carries on with the Ripples it started (decision 61); the next
 * commit, and any batch that is not only finished Ripples, first waits for it to end.
 */
final class BatchCommit implements AutoCloseable {
  private GroupCommit files = new GroupCommit();
  private final RunRecorder runs;
  private final ContractGate contracts;
  private final StateFiles states;
  private final WriteTrouble trouble;
  private final Clock clock;
  private final ExecutorService committer =
      Executors.newSingleThreadExecutor(DaemonThreads.named("duckstring-commit"));
  private Runnable onCommitted = () -> {};

  /** Ripple outputs written but not forced yet (decision 62): the next commit forces them. */
  private final Set<Path> unforced = new LinkedHashSet<>();

  /** The commit on its way to disk, or null. */
  private Flight flight;

  /** One commit on its way to disk: what it staged, and who hears whether state was saved. */
  private record Flight(
      Future<Set<Path>> done,
      CountDownLatch firstPhase,
      List<String> problems,
      Map<Path, RunRecorder.Staged> records,
      Map<LineId, SchemaContract> contracts,
      Map<LineId, EngineSnapshot.LineState> states,
      Consumer<Boolean> then) {}

  BatchCommit(
      RunRecorder runs,
      ContractGate contracts,
      StateFiles states,
      WriteTrouble trouble,
      Clock clock) {
    this.runs = runs;
    this.contracts = contracts;
    this.states = states;
    this.trouble = trouble;
    this.clock = clock;
  }

  /** What the batch's publishes add to (see {@code Generations.publish}): the next commit. */
  GroupCommit files() {
    return files;
  }

  /** The contract gate whose published contracts this commit writes. */
  ContractGate contracts() {
    return contracts;
  }

  /**
   * A Ripple's output {@code dir} was written, and {@code forced} by its worker or not (decision
   * 62): if not, the next commit forces it in its first phase, before any state.json that names it,
   * unless a publish forced it first.
   */
  void written(Path dir, boolean forced) {
    if (!forced) {
      unforced.add(dir);
    }
  }

  /** The Ripples of {@code outputs} (Ripple to output) whose output is not forced yet. */
  Set<String> unforced(Map<String, Path> outputs) {
    Set<String> out = new LinkedHashSet<>();
    outputs.forEach(
        (ripple, dir) -> {
          if (unforced.contains(dir)) {
            out.add(ripple);
          }
        });
    return out;
  }

  /** A publish forced the outputs {@code dirs} it linked (with its generation). */
  void forced(Collection<Path> dirs) {
    unforced.removeAll(dirs);
  }

  /** Runs {@code r} on the commit's thread each time a commit has reached the disk. */
  void onCommitted(Runnable r) {
    this.onCommitted = r;
  }

  /**
   * Ends the commit in flight (see {@link #settle}), then starts the batch's commit with the
   * engine's state {@code lines}; {@code then} hears, when {@link #settle} ends it, whether every
   * state file was written (false: it stays pending, and so do the signals it holds). Nothing to
   * write is saved at once.
   */
  void start(Map<LineId, EngineSnapshot.LineState> lines, Consumer<Boolean> then) {
    settle();
    unforced.forEach(dir -> files.forceTree(GroupCommit.Phase.RECORDS, dir));
    unforced.clear();
    Map<Path, RunRecorder.Staged> records = runs.stage(files);
    Map<LineId, SchemaContract> staged = contracts.stage(files);
    Map<LineId, EngineSnapshot.LineState> changed = states.stage(lines, files);
    if (files.isEmpty()) {
      then.accept(true);
      return;
    }
    GroupCommit commit = files;
    files = new GroupCommit();
    List<String> problems = Collections.synchronizedList(new ArrayList<>());
    CountDownLatch first = new CountDownLatch(1);
    Future<Set<Path>> done =
        committer.submit(
            () -> {
              try {
                return commit.commit(
                    states.pool(),
                    problems::add,
                    p -> {
                      if (p == GroupCommit.Phase.RECORDS) {
                        first.countDown();
                      }
                    });
              } finally {
                first.countDown();
                onCommitted.run();
              }
            });
    flight = new Flight(done, first, problems, records, staged, changed, then);
  }

  /**
   * Waits until the first phase of the commit in flight, if any, is on disk: the run records, the
   * contracts and each earlier publish's {@code CURRENT} (the force of its {@code data/}). A
   * publish waits for it, so that a line's {@code CURRENT} never reaches the disk before the {@code
   * CURRENT} of a Source whose generation its run read (decision 61).
   */
  void awaitRecords() {
    Flight f = flight;
    if (f == null) {
      return;
    }
    try {
      f.firstPhase().await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DuckstringException("interrupted while committing files", e);
    }
  }

  /** True when a commit is on its way to disk and not yet settled. */
  boolean inFlight() {
    return flight != null;
  }

  /**
   * Waits for the commit in flight, if any, and applies what it did on the calling (reactor)
   * thread: records and contracts saved, state saved or pending, problems reported. A lost lease
   * (the write fence) propagates, as it did on the reactor. False when none was in flight.
   */
  boolean settle() {
    Flight f = flight;
    if (f == null) {
      return false;
    }
    flight = null;
    Set<Path> failed;
    try {
      failed = f.done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DuckstringException("interrupted while committing files", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new DuckstringException("cannot commit files: " + e.getCause(), e.getCause());
    }
    List.copyOf(f.problems()).forEach(trouble::failed);
    runs.committed(f.records(), failed);
    contracts.committed(f.contracts(), failed, clock.instant());
    f.then().accept(states.saved(f.states(), failed));
    return true;
  }

  /** Ends the commit in flight, then stops the commit's thread and the state writers. */
  @Override
  public void close() {
    try {
      settle();
    } catch (RuntimeException e) {
      // A lost lease or a failed last commit: nothing more is written here; the state and the
      // claimed signals it held are taken up again by the next daemon.
    } finally {
      committer.shutdown();
      states.close();
    }
  }
}
