package dev.duckstring.bench;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.deploy.Deployer;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.LineId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** Writes Pond projects, deploys them, drops signals and reads back status and run records. */
final class Ponds {
  private Ponds() {}

  /** Writes {@code files} (name, content, ...) under {@code dir}. */
  static Path write(Path dir, String... files) {
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

  /** pond.toml text: name, type and Source pins ({@code "a = \"1.0.0\""}); extra appended as is. */
  static String toml(String name, String type, List<String> sources, String extra) {
    StringBuilder b = new StringBuilder("[pond]\nname = \"" + name + "\"\nversion = \"1.0.0\"\n");
    b.append("type = \"").append(type).append("\"\n");
    if (!sources.isEmpty()) {
      b.append("[sources]\n");
      for (String s : sources) {
        b.append(s).append(" = \"1.0.0\"\n");
      }
    }
    return b.append(extra).toString();
  }

  static void deploy(CatchmentLayout layout, Path project) {
    new Deployer(layout, Clock.systemUTC()).deploy(project, false);
  }

  /**
   * Drops a signal as cron or {@code touch} would, and returns the instant just before the rename
   * that makes it visible (the moment it "lands").
   */
  static Instant drop(CatchmentLayout layout, String pond, String kind) {
    try {
      Path dir = Files.createDirectories(layout.signals(pond));
      String name = kind + ".bench-" + System.nanoTime();
      Path tmp = dir.resolve(AtomicFiles.tempName(name));
      Files.writeString(tmp, "");
      Instant landed = Instant.now();
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      return landed;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static LineStatus status(CatchmentLayout layout, String pond) {
    return new StatusStore(layout).read(new LineId(pond, 1));
  }

  /** Waits until {@code pond}'s status satisfies {@code test}. */
  static LineStatus await(
      CatchmentLayout layout, String pond, Duration patience, Predicate<LineStatus> test)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      LineStatus s;
      try {
        s = status(layout, pond);
      } catch (RuntimeException e) {
        s = null; // a status being replaced; read again
      }
      if (s != null && test.test(s)) {
        return s;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + pond + "; last status " + s);
      }
      Thread.sleep(10);
    }
  }

  /** Waits for {@code runs} completed runs of {@code pond} with none in flight. */
  static LineStatus awaitRuns(CatchmentLayout layout, String pond, long runs, Duration patience)
      throws InterruptedException {
    return await(layout, pond, patience, s -> s.runsCompleted() >= runs && s.runsInFlight() == 0);
  }

  /**
   * Waits until {@code pond} has a run that started at or after {@code t0} and ended; false on
   * timeout.
   */
  static boolean awaitRunAfter(CatchmentLayout layout, String pond, Instant t0, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      List<RunRecord> runs = runs(layout, pond);
      RunRecord r = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      if (r != null && !r.started().isBefore(t0) && r.ended() != null) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
  }

  /**
   * When the first Ripple of {@code pond}'s run that started at or after {@code t0} started on a
   * worker (run.json's Ripple {@code started}; the run's own is the instant its signal was
   * claimed), once that run ended.
   */
  static Instant awaitRippleStart(
      CatchmentLayout layout, String pond, Instant t0, Duration patience)
      throws InterruptedException {
    if (!awaitRunAfter(layout, pond, t0, patience)) {
      List<RunRecord> runs = runs(layout, pond);
      RunRecord last = runs.isEmpty() ? null : runs.get(runs.size() - 1);
      throw new IllegalStateException(
          "no run of "
              + pond
              + " started at or after "
              + t0
              + " and ended within "
              + patience
              + "; "
              + runs.size()
              + " run records, the last "
              + (last == null ? "none" : last.id() + " " + last.started() + ".." + last.ended()));
    }
    List<RunRecord> runs = runs(layout, pond);
    return runs.get(runs.size() - 1).ripples().stream()
        .map(RunRecord.RippleRun::started)
        .min(Comparator.naturalOrder())
        .orElseThrow();
  }

  /** Every run record of {@code pond}'s line 1, oldest first. */
  static List<RunRecord> runs(CatchmentLayout layout, String pond) {
    LineId line = new LineId(pond, 1);
    List<RunRecord> out = new ArrayList<>();
    Path dir = layout.runs(line);
    if (!Files.isDirectory(dir)) {
      return out;
    }
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.sorted().toList()) {
        String id = p.getFileName().toString();
        if (!AtomicFiles.isTemporary(id) && Files.isRegularFile(p.resolve("run.json"))) {
          out.add(new RunRecords(layout).read(line, id));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /** The newest run record of {@code pond}. */
  static RunRecord last(CatchmentLayout layout, String pond) {
    List<RunRecord> r = runs(layout, pond);
    if (r.isEmpty()) {
      throw new IllegalStateException(pond + " has no run record");
    }
    return r.get(r.size() - 1);
  }

  static double ms(Instant a, Instant b) {
    return Duration.between(a, b).toNanos() / 1e6;
  }
}
