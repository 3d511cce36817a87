package dev.duckstring.daemon;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.model.DataTest;
import dev.duckstring.model.LineId;
import dev.duckstring.model.TestResult;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The data tests before a publish (decision 49): remembers the Source generations each run read,
 * hands a run with tests to the workers (its outputs and Sources pinned meanwhile), and takes the
 * answer back. A run without tests never comes here. Reactor thread only.
 */
final class DataTestGate {
  /** The holder under which {@link Outputs} pins what a run's tests read (no Ripple's name). */
  static final String HOLDER = "/tests";

  private record Run(LineId line, Instant f) {}

  private final Outputs outputs;
  private final RippleLauncher launcher;
  private final Map<Run, Map<String, Path>> read = new HashMap<>();
  private final Map<Run, TestJob> running = new HashMap<>();

  DataTestGate(Outputs outputs, RippleLauncher launcher) {
    this.outputs = outputs;
    this.launcher = launcher;
  }

  /** Ripple {@code job} starts: the tests of its run read the Source generations it reads. */
  void read(RippleJob job) {
    read.computeIfAbsent(new Run(job.line(), job.f()), k -> new LinkedHashMap<>())
        .putAll(job.sources());
  }

  /**
   * Starts the tests of run {@code f} of {@code line} made by {@code deployed} over {@code own}
   * (what the publish would link); {@code current} gives each Source's generation where the run
   * read none (its Ripples ran before a restart). False when that version has no tests.
   */
  boolean start(
      LineId line, Instant f, Deployed deployed, Map<String, Path> own, Map<String, Path> current) {
    List<DataTest> tests = deployed.manifest().tests();
    if (tests.isEmpty()) {
      return false;
    }
    Map<String, Path> sources = new LinkedHashMap<>(current);
    sources.putAll(read.getOrDefault(new Run(line, f), Map.of()));
    TestJob job = new TestJob(line, f, deployed, tests, own, sources);
    List<Path> pins = new ArrayList<>(own.values());
    pins.addAll(sources.values());
    outputs.pin(line, HOLDER, f, pins); // prune and Source publishes leave them until done
    running.put(new Run(line, f), job);
    launcher.test(job);
    return true;
  }

  /** The tests of {@code d}'s run ended: unpins what they read; their job, or null if unknown. */
  TestJob done(Msg.TestsDone d) {
    TestJob job = running.remove(new Run(d.line(), d.f()));
    if (job != null) {
      outputs.done(d.line(), HOLDER, d.f(), null);
    }
    return job;
  }

  /** Run {@code f} of {@code line} ended: what its Ripples read is forgotten. */
  void ended(LineId line, Instant f) {
    read.keySet().removeIf(r -> r.line().equals(line) && !r.f().isAfter(f));
  }

  /**
   * The one-line error that fails a run with {@code results}, or null when none fails it: {@code
   * test daily.not_null.id failed: 3 rows (pond.toml:12:3)}, and how many more failed.
   */
  static String error(List<TestResult> results) {
    List<TestResult> failing = results.stream().filter(TestResult::failsRun).toList();
    if (failing.isEmpty()) {
      return null;
    }
    TestResult first = failing.get(0);
    String why =
        first.error() != null
            ? "could not run: " + first.error().replaceAll("\\s*\\n\\s*", " ").strip()
            : "failed: " + first.rows() + (first.rows() == 1 ? " row" : " rows");
    String more =
        failing.size() == 1
            ? ""
            : " and "
                + (failing.size() - 1)
                + " more failing test"
                + (failing.size() > 2 ? "s" : "");
    String where = why.contains(first.origin() + ":") ? "" : " (" + first.origin() + ")";
    return "test " + first.name() + " " + why + where + more;
  }
}
