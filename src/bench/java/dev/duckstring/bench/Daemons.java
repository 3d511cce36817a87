package dev.duckstring.bench;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Skeleton;
import dev.duckstring.manifest.CatchmentConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A daemon as users run it: {@code duckstring catchment start} in its own JVM (the packaged jar),
 * so its memory is its own and nothing of the benchmark shares its heap or threads.
 */
final class Daemons implements AutoCloseable {
  private final Process process;
  private final Path log;
  private final CatchmentLayout layout;

  /** Milliseconds from launching {@code catchment start} to its "running at" line. */
  private double startMs;

  private Daemons(Process process, Path log, CatchmentLayout layout) {
    this.process = process;
    this.log = log;
    this.layout = layout;
  }

  /** A fresh root at {@code root} with {@code config} written as its catchment.toml. */
  static CatchmentLayout create(Path root, CatchmentConfig config) {
    CatchmentLayout layout = new CatchmentLayout(root);
    Skeleton.create(layout, config.toToml());
    return layout;
  }

  /** Polling or watching settings for a benchmark Catchment named {@code name}. */
  static CatchmentConfig config(String name, boolean watch, Duration poll) {
    CatchmentConfig d = CatchmentConfig.defaults(name, 0);
    return new CatchmentConfig(name, 0, d.bind(), watch, poll, d.workers(), null);
  }

  /** Starts the daemon on an existing root and waits until it says it is running. */
  static Daemons start(Env env, CatchmentLayout layout, String name)
      throws IOException, InterruptedException {
    Path log = layout.root().resolveSibling(layout.root().getFileName() + "-daemon.log");
    List<String> cmd = new ArrayList<>(env.java());
    cmd.addAll(1, javaOptions(env));
    cmd.addAll(
        List.of(
            "dev.duckstring.Main",
            "catchment",
            "start",
            "--name",
            name,
            "--root",
            layout.root().toString()));
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("DUCKSTRING_HOME", env.home().toString());
    long launched = System.nanoTime();
    Process p = pb.start();
    Daemons d = new Daemons(p, log, layout);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!Files.readString(log).contains(" running at ")) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        d.close();
        throw new IllegalStateException("daemon did not start: " + Files.readString(log));
      }
      Thread.sleep(5);
    }
    d.startMs = (System.nanoTime() - launched) / 1e6;
    return d;
  }

  /** Milliseconds from launching the daemon to its "running at" line (5 ms polls). */
  double startMs() {
    return startMs;
  }

  /**
   * The daemon JVM's flags as bin/duckstring passes them to {@code catchment start}: {@code
   * DUCKSTRING_DAEMON_JAVA_OPTS} when set, else the argument file bin/daemon-java-options.
   */
  static List<String> javaOptions(Env env) {
    String set = System.getenv("DUCKSTRING_DAEMON_JAVA_OPTS");
    if (set != null) {
      return set.isBlank() ? List.of() : List.of(set.strip().split("\\s+"));
    }
    try {
      return Files.readAllLines(env.checkout().resolve("bin/daemon-java-options")).stream()
          .map(String::strip)
          .filter(l -> !l.isEmpty())
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read bin/daemon-java-options: " + e, e);
    }
  }

  long pid() {
    return process.pid();
  }

  /** Peak resident set size of the daemon process so far (VmHWM), in bytes; -1 if unknown. */
  long peakRss() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
        if (l.startsWith("VmHWM:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /**
   * CPU time each live thread of the daemon has used so far, in ms, keyed {@code <kind>/<tid>}
   * (kinds: JIT compilers, reactor, Ripple workers, commit, state writers, other): its {@code
   * /proc/<pid>/task/<tid>/schedstat}, named by its {@code comm}; empty where /proc is not there.
   */
  Map<String, Double> cpuByThread() {
    Map<String, Double> out = new TreeMap<>();
    try (Stream<Path> tasks = Files.list(Path.of("/proc/" + process.pid() + "/task"))) {
      for (Path task : tasks.toList()) {
        try {
          String comm = Files.readString(task.resolve("comm")).strip();
          String ns = Files.readString(task.resolve("schedstat")).strip().split(" ")[0];
          out.put(threadKind(comm) + "/" + task.getFileName(), Long.parseLong(ns) / 1e6);
        } catch (IOException | NumberFormatException e) {
          // the thread ended meanwhile
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return out;
  }

  /**
   * The CPU used between two {@link #cpuByThread} readings, in ms by kind: each thread alive at the
   * second, less what it had used at the first (a thread that ended in between is not counted).
   */
  static Map<String, Double> cpuBetween(Map<String, Double> before, Map<String, Double> after) {
    Map<String, Double> out = new TreeMap<>();
    after.forEach(
        (thread, ms) ->
            out.merge(
                thread.substring(0, thread.indexOf('/')),
                ms - before.getOrDefault(thread, 0.0),
                Double::sum));
    return out;
  }

  private static String threadKind(String comm) {
    if (comm.contains("CompilerThre")) {
      return "JIT";
    }
    for (String kind : List.of("reactor", "ripple", "commit", "state-writer", "view-writer")) {
      if (comm.startsWith("duckstring-" + kind.substring(0, 4))) {
        return kind;
      }
    }
    return "other";
  }

  CatchmentLayout layout() {
    return layout;
  }

  /** Stops the daemon as SIGTERM does (its shutdown hook drains) and waits for it. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  Path log() {
    return log;
  }
}
