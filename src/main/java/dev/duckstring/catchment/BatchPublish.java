package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Trees;
import dev.duckstring.fs.WriteFence;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes the runs of one or more lines at once, step by step across all of them: every
 * generation is staged and made read-only, then all are forced, renamed in and their {@code data/}
 * forced, then each {@code CURRENT} is switched. On a journaling file system the first force of a
 * step commits every change made before it, so a batch of publishes waits for the disk about as
 * often as one (decision 65). Each line's order is that of a single publish (decision 58); a line
 * whose step fails stops there, and the others go on.
 */
final class BatchPublish {
  private final Generations generations;
  private final CatchmentLayout layout;
  private final GroupCommit commit;

  BatchPublish(Generations generations, CatchmentLayout layout, GroupCommit commit) {
    this.generations = generations;
    this.layout = layout;
    this.commit = commit;
  }

  /** One request's way through the steps. */
  private static final class Step {
    final Generations.Request request;
    Path data;
    String name;
    Path target;
    Path tmp;
    Path pointer;
    Optional<Path> baseline = Optional.empty();
    GenerationFiles.Frozen frozen;
    boolean moved;
    Generations.Publication publication;
    DuckstringException error;

    Step(Generations.Request request) {
      this.request = request;
    }

    void fail(Exception e) {
      error =
          e instanceof DuckstringException d
              ? d
              : new DuckstringException(
                  "cannot publish "
                      + request.line()
                      + " "
                      + request.runId()
                      + ": "
                      + e.getMessage(),
                  e);
    }
  }

  /** A step of one request; a request that failed an earlier step skips it. */
  private interface Io {
    void run(Step s) throws IOException;
  }

  /** Publishes each of {@code requests}; the outcomes are in the same order. */
  List<Generations.Outcome> run(List<Generations.Request> requests) {
    List<Step> steps = requests.stream().map(Step::new).toList();
    try {
      each(steps, this::stage);
      each(steps, s -> GenerationFiles.force(s.frozen, s.pointer)); // with CURRENT's content
      each(
          steps,
          s -> {
            AtomicFiles.move(s.tmp, s.target);
            s.moved = true;
          });
      each(steps, s -> AtomicFiles.fsyncDirectory(s.data)); // before CURRENT names it
      each(steps, this::switchCurrent);
    } finally {
      steps.forEach(this::cleanUp);
    }
    List<Generations.Outcome> out = new ArrayList<>();
    for (Step s : steps) {
      out.add(new Generations.Outcome(s.error == null ? s.publication : null, s.error));
    }
    return out;
  }

  private static void each(List<Step> steps, Io io) {
    for (Step s : steps) {
      if (s.error == null) {
        try {
          io.run(s);
        } catch (IOException | DuckstringException e) {
          s.fail(e);
        }
      }
    }
  }

  /** Links the outputs into a temporary generation, writes CURRENT's next content beside it. */
  private void stage(Step s) throws IOException {
    Generations.Request r = s.request;
    s.data = layout.data(r.line());
    Files.createDirectories(s.data);
    s.name = generations.freshName(r.line(), r.runId());
    s.target = layout.generation(r.line(), s.name);
    s.baseline = generations.baseline(r.line(), r.runId());
    s.tmp = s.data.resolve(AtomicFiles.tempName(s.name));
    s.pointer = s.data.resolve(AtomicFiles.tempName("CURRENT"));
    Files.createDirectory(s.tmp);
    for (Map.Entry<String, Path> e : r.outputs().entrySet()) {
      String ripple = CatchmentLayout.checkSegment("ripple", e.getKey());
      GenerationFiles.linkTree(ripple, e.getValue(), e.getValue(), s.tmp.resolve(ripple));
    }
    WriteFence.check();
    Files.writeString(s.pointer, s.name + "\n", StandardOpenOption.CREATE_NEW);
    s.frozen = GenerationFiles.readOnly(s.tmp, r.unforced());
  }

  /** Renames CURRENT in; its last force goes to the batch's commit, or is made here. */
  private void switchCurrent(Step s) throws IOException {
    Path target = s.target;
    boolean changed = s.baseline.map(p -> !GenerationFiles.sameContent(p, target)).orElse(true);
    AtomicFiles.move(s.pointer, layout.current(s.request.line()));
    if (commit == null) {
      AtomicFiles.fsyncDirectory(s.data);
    } else {
      commit.force(GroupCommit.Phase.RECORDS, s.data);
    }
    s.publication = new Generations.Publication(s.name, changed);
    try {
      generations.prune(s.request.line(), s.name, s.request.inUse());
    } catch (IOException | DuckstringException e) {
      // published all the same; the next publish prunes again
    }
  }

  /** Deletes what a step left behind; a generation CURRENT never named goes too. */
  private void cleanUp(Step s) {
    try {
      if (s.tmp != null) {
        Trees.delete(s.tmp);
      }
      if (s.pointer != null) {
        Files.deleteIfExists(s.pointer);
      }
      if (s.moved && !s.name.equals(generations.currentName(s.request.line()).orElse(null))) {
        Trees.delete(s.target); // CURRENT never named it, so no reader can be in it
      }
    } catch (IOException e) {
      if (s.publication == null && s.error == null) {
        s.fail(e);
      }
    }
  }
}
