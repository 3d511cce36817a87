package dev.duckstring.bench;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventFiles;
import dev.duckstring.fs.Json;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Figure 2: from a pulse file landing in {@code signals/} (the instant before its rename) to its
 * Ripple's start on a worker (run.json), with the WatchService and in polling mode; and, beside it,
 * to the instant the daemon claimed it (the {@code run_started} event's time). All instants come
 * from the system clock of this machine.
 */
final class SignalLatency {
  private static final Duration POLL = Duration.ofMillis(100);
  private final Env env;
  private final Report report;
  private final Random random = new Random(42);

  SignalLatency(Env env, Report report) {
    this.env = env;
    this.report = report;
  }

  void run(int samples) throws Exception {
    double[] floor = watchServiceFloor(samples);
    double[] watch = measure(true, samples);
    Map<String, Object> sz = Map.of("mode", "watch", "samples", samples);
    report.add(
        Figure.of("2 signal-to-start", "p50", sz, watch[0], "ms")
            .withFloor(floor[0], "bare JDK WatchService: rename to event, p50")
            .withTarget("p50 <= 5 ms", 5, false));
    report.add(
        Figure.of("2 signal-to-start", "p95", sz, watch[1], "ms")
            .withFloor(floor[1], "bare JDK WatchService: rename to event, p95"));
    report.add(
        Figure.of("2 signal-to-start", "p50 to the claim", sz, watch[2], "ms")
            .withNote(
                "to the run_started event, whose time is the instant the daemon claimed the"
                    + " signal; the rest, to the Ripple's start, is the scan, the engine and the"
                    + " launch"));
    double[] poll = measure(false, samples);
    double bound = POLL.toMillis() + 5;
    Map<String, Object> pz = Map.of("mode", "poll " + POLL.toMillis() + " ms", "samples", samples);
    report.add(
        Figure.of("2 signal-to-start", "p50", pz, poll[0], "ms")
            .withTarget("<= interval + 5 ms", bound, false));
    report.add(
        Figure.of("2 signal-to-start", "p95", pz, poll[1], "ms")
            .withTarget("<= interval + 5 ms", bound, false));
  }

  private double[] measure(boolean watch, int samples) throws Exception {
    Path base = env.dir("latency-" + (watch ? "watch" : "poll"));
    CatchmentLayout layout =
        Daemons.create(base.resolve("root"), Daemons.config("bench", watch, POLL));
    Path project =
        Ponds.write(
            base.resolve("sig"),
            "pond.toml",
            Ponds.toml("sig", "inlet", List.of(), ""),
            "src/t.sql",
            "SELECT random() AS x\n");
    Ponds.deploy(layout, project);
    List<Instant> drops = new ArrayList<>();
    List<Double> lat = new ArrayList<>();
    try (Daemons d = Daemons.start(env, layout, "bench")) {
      Duration patience = Duration.ofSeconds(60);
      for (int i = 0; i < samples + 2; i++) {
        Thread.sleep(
            random.nextInt((int) POLL.toMillis() + 50)); // desynchronise from the poll timer
        Instant t0 = Ponds.drop(layout, "sig", "pulse");
        Instant started = Ponds.awaitRippleStart(layout, "sig", t0, patience);
        if (i >= 2) { // the first two warm the daemon up
          drops.add(t0);
          lat.add(Ponds.ms(t0, started));
        }
      }
    }
    List<Instant> starts = new ArrayList<>();
    for (String line : new EventFiles(layout).lines()) { // events.log.N ... events.log
      Map<?, ?> e = Json.read(line, Map.class, "events.log");
      if ("run_started".equals(e.get("event")) && "sig@1".equals(e.get("line"))) {
        starts.add(Instant.parse((String) e.get("at")));
      }
    }
    List<Double> claim = new ArrayList<>();
    for (Instant t0 : drops) {
      Instant s =
          starts.stream()
              .filter(x -> !x.isBefore(t0))
              .findFirst()
              .orElseThrow(() -> new IllegalStateException("no run_started after " + t0));
      claim.add(Ponds.ms(t0, s));
    }
    Env.deleteTree(base);
    return new double[] {percentile(lat, 50), percentile(lat, 95), percentile(claim, 50)};
  }

  /** The JDK's own WatchService on this file system: rename into a watched directory to event. */
  private double[] watchServiceFloor(int samples) throws Exception {
    Path dir = env.dir("watch-floor");
    List<Double> lat = new ArrayList<>();
    try (WatchService ws = FileSystems.getDefault().newWatchService()) {
      dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE);
      for (int i = 0; i < samples + 2; i++) {
        Thread.sleep(random.nextInt(50));
        Path tmp = dir.resolve(".tmp-" + i);
        Files.writeString(tmp, "");
        long t0 = System.nanoTime();
        Files.move(tmp, dir.resolve("pulse." + i), StandardCopyOption.ATOMIC_MOVE);
        var key = ws.poll(10, TimeUnit.SECONDS);
        long t1 = System.nanoTime();
        if (key == null) {
          throw new IllegalStateException("no watch event within 10 s");
        }
        key.pollEvents();
        key.reset();
        if (i >= 2) {
          lat.add((t1 - t0) / 1e6);
        }
      }
    }
    Env.deleteTree(dir);
    return new double[] {percentile(lat, 50), percentile(lat, 95)};
  }

  /** Nearest-rank percentile. */
  static double percentile(List<Double> values, double p) {
    List<Double> v = new ArrayList<>(values);
    Collections.sort(v);
    int rank = (int) Math.ceil(p / 100.0 * v.size());
    return v.get(Math.max(0, Math.min(v.size() - 1, rank - 1)));
  }
}
