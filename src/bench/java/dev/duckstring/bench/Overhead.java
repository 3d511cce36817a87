package dev.duckstring.bench;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.fs.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Figure 1: orchestration overhead per hop. A chain of N trivial SQL Ponds and a wide shape (one
 * Inlet, N/10 Ponds, one Outlet) are pulsed end to end; the overhead is the wall time from the
 * signal landing to the last run ending minus the time during which at least one Ripple was
 * executing (from the run records), divided by the number of Pond Runs.
 */
final class Overhead {
  /** Pulses of the Inlet per chain for the signal-to-start figure. */
  private static final int SIGNALS = 10;

  private static final Random RANDOM = new Random(7);
  private final Env env;
  private final Report report;

  Overhead(Env env, Report report) {
    this.env = env;
    this.report = report;
  }

  /** One measured pulse through a shape. */
  record Pass(
      int ponds,
      int hops,
      double wallMs,
      double rippleMs,
      double overheadMs,
      long peakRss,
      double budgetS,
      double rippleSumMs,
      int ripples,
      Map<String, Double> cpuMs,
      double startMs,
      double signalMs) {
    boolean complete() {
      return hops == ponds;
    }

    String incomplete() {
      return complete()
          ? ""
          : "; INCOMPLETE: only "
              + hops
              + " of "
              + ponds
              + " Pond Runs ended within the "
              + Report.num(budgetS)
              + " s budget, per-hop figures are over those";
    }
  }

  void run(List<Integer> sizes) throws Exception {
    double write = durableWrite();
    report.add(
        Figure.of("1 overhead", "one durable write (floor)", Map.of("samples", 50), write, "ms")
            .withNote(
                "AtomicFiles.writeString on this disk: temp file, fsync, rename, fsync of the directory; "
                    + "the daemon makes several per hop on its one reactor thread"));
    double warm = WarmCopy.median(env, 50);
    report.add(
        Figure.of("1 overhead", "warm COPY (floor)", Map.of("samples", 50), warm, "ms")
            .withNote(
                "DuckDB doing a trivial Ripple's COPY (SELECT x + 1 FROM previous Parquet) on a warm"
                    + " connection in the benchmark's JVM"));
    List<Pass> chains = new ArrayList<>();
    for (int n : sizes) {
      Pass p = measure("chain", n, chain(n));
      chains.add(p);
      Map<String, Object> sz = Map.of("shape", "chain", "N", n);
      report.add(
          Figure.of("1 overhead", "per-hop overhead", sz, p.overheadMs() / p.hops(), "ms")
              .withTarget("<= 2 ms", 2.0, false)
              .withNote(
                  "= "
                      + Report.num(p.overheadMs() / n / write)
                      + " durable writes; "
                      + "wall "
                      + Report.num(p.wallMs())
                      + " ms, Ripples busy "
                      + Report.num(p.rippleMs())
                      + " ms, "
                      + p.hops()
                      + " Pond Runs"
                      + p.incomplete()));
      report.add(
          Figure.of("1 overhead", "per-hop wall", sz, p.wallMs() / p.hops(), "ms")
              .withFloor(p.rippleMs() / p.hops(), "the Ripples' own execution per hop"));
      cpuFigure(sz, p);
      report.add(
          Figure.of(
                  "1 overhead",
                  "daemon start",
                  Map.of("ponds", n, "shape", "chain"),
                  p.startMs(),
                  "ms")
              .withNote(
                  "from launching catchment start to its 'running at' line, with N Ponds deployed:"
                      + " the lease, the first scan, the graph (each version's manifest, files"
                      + " checked, SQL parsed for its Ripples' order)"));
      report.add(
          Figure.of(
                  "1 overhead",
                  "signal-to-start",
                  Map.of("ponds", n, "shape", "chain", "samples", SIGNALS),
                  p.signalMs(),
                  "ms")
              .withNote(
                  "p50 from a pulse file landing in the Inlet's signals/ to its Ripple's start on a"
                      + " worker, with N Ponds deployed and the daemon idle: each signal makes the"
                      + " daemon look at what is deployed, every Pond of it (decision 71)"));
      report.add(
          Figure.of(
                  "1 overhead",
                  "trivial Ripple's own time",
                  sz,
                  p.rippleSumMs() / p.ripples(),
                  "ms")
              .withFloor(warm, "the same COPY on a warm connection in the benchmark's JVM")
              .withTarget("<= 3x warm COPY", 3.0, true)
              .withNote(
                  "mean of the Ripples' started..ended in run.json: connection, views, COPY, fsync of"
                      + " the output, its log; the first pulse after deploy, whose SQL the daemon"
                      + " parsed when it first saw each version (decision 57), so the parse is"
                      + " warm; a Ripple that starts before that parse ends pays it itself"));
    }
    if (chains.size() > 1) {
      Pass a = chains.get(0);
      Pass b = chains.get(chains.size() - 1);
      double growth = (b.overheadMs() / b.hops()) / Math.max(1e-9, a.overheadMs() / a.hops());
      report.add(
          Figure.of(
                  "1 overhead",
                  "per-hop overhead growth",
                  Map.of("shape", "chain", "N", a.ponds() + "->" + b.ponds()),
                  growth,
                  "x")
              .withTarget("<= 1.5 (linear total)", 1.5, false)
              .withNote(
                  "per-hop overhead at the largest N divided by that at the smallest N; 1.0 = total grows linearly"));
    }
    Pass big = chains.get(chains.size() - 1);
    reportMemory("chain", big);
    Pass wideBig = null;
    for (int n : sizes) {
      int k = Math.max(1, n / 10);
      Pass p = measure("wide", n, wide(k));
      wideBig = p;
      Map<String, Object> sz = Map.of("shape", "wide", "N", n, "ponds", k + 2);
      report.add(
          Figure.of("1 overhead", "per-Pond idle overhead", sz, p.overheadMs() / p.hops(), "ms")
              .withTarget("<= 2 ms", 2.0, false)
              .withNote(
                  "wall "
                      + Report.num(p.wallMs())
                      + " ms, Ripples busy (union) "
                      + Report.num(p.rippleMs())
                      + " ms"
                      + p.incomplete()));
      int workers = Daemons.config("bench", true, Duration.ofSeconds(2)).workers();
      report.add(
          Figure.of(
                  "1 overhead",
                  "fan-out wall",
                  Map.of("shape", "wide", "N", n, "workers", workers),
                  p.wallMs(),
                  "ms")
              .withFloor(p.rippleSumMs() / workers, "the Ripples' total time / workers")
              .withTarget("<= 1.2x", 1.2, true)
              .withNote(p.ripples() + " Ripples, total " + Report.num(p.rippleSumMs()) + " ms"));
    }
    reportMemory("wide", wideBig);
  }

  private void reportMemory(String shape, Pass p) {
    Figure f =
        Figure.of(
                "1 overhead",
                "daemon peak RSS",
                Map.of("shape", shape, "ponds", p.ponds()),
                p.peakRss() / (1024.0 * 1024.0),
                "MiB")
            .withNote(
                "VmHWM of the daemon JVM (heap, DuckDB native, JIT), "
                    + "after a warm-up pulse and a measured pulse");
    if (p.ponds() >= 1000) {
      f = f.withTarget("<= 384 MiB at 1,000 Ponds", 384, false);
    }
    report.add(f);
  }

  /**
   * Figure 8: the daemon's peak RSS with {@code ponds} Ponds deployed in a chain, after pulsing its
   * first {@code stretch} Ponds (all of them at full size), with the JVM flags {@code catchment
   * start} gets from bin/duckstring.
   */
  void memory(int ponds, int stretch) throws Exception {
    Shape c = chain(ponds);
    String last = String.format("c%04d", stretch - 1);
    Pass p = measure("memory", ponds, new Shape(c.ponds(), last, c.warmup()));
    Figure f =
        Figure.of(
                "8 memory",
                "daemon peak RSS",
                Map.of("ponds", ponds, "pulsed", p.hops()),
                p.peakRss() / (1024.0 * 1024.0),
                "MiB")
            .withNote(
                "VmHWM of the daemon JVM started with "
                    + String.join(" ", Daemons.javaOptions(env))
                    + "; "
                    + p.hops()
                    + " Pond Runs in the measured pulse");
    if (ponds >= 1000) {
      f = f.withTarget("<= 384 MiB at 1,000 Ponds", 384, false);
    }
    report.add(f);
  }

  /** Pond projects for a chain c0000 -> ... -> c(N-1); returns the Pond to pulse. */
  private Shape chain(int n) {
    List<String[]> ponds = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String name = String.format("c%04d", i);
      String type = i == 0 ? "inlet" : i == n - 1 ? "outlet" : "pond";
      List<String> sources = i == 0 ? List.of() : List.of(String.format("c%04d", i - 1));
      String sql =
          i == 0 ? "SELECT random() AS x\n" : "SELECT x + 1 AS x FROM " + sources.get(0) + ".t\n";
      ponds.add(new String[] {name, Ponds.toml(name, type, sources, ""), sql});
    }
    return new Shape(
        ponds, String.format("c%04d", n - 1), String.format("c%04d", Math.min(2, n - 1)));
  }

  /** One Inlet, k Ponds reading it, one Outlet reading them all. */
  private Shape wide(int k) {
    List<String[]> ponds = new ArrayList<>();
    ponds.add(
        new String[] {
          "w_in", Ponds.toml("w_in", "inlet", List.of(), ""), "SELECT random() AS x\n"
        });
    List<String> mids = new ArrayList<>();
    StringBuilder union = new StringBuilder("SELECT sum(x) AS x FROM (\n");
    for (int i = 0; i < k; i++) {
      String name = String.format("w%04d", i);
      mids.add(name);
      ponds.add(
          new String[] {
            name,
            Ponds.toml(name, "pond", List.of("w_in"), ""),
            "SELECT x + " + i + " AS x FROM w_in.t\n"
          });
      union
          .append(i == 0 ? "  " : "  UNION ALL ")
          .append("SELECT x FROM ")
          .append(name)
          .append(".t\n");
    }
    union.append(")\n");
    ponds.add(new String[] {"w_out", Ponds.toml("w_out", "outlet", mids, ""), union.toString()});
    return new Shape(ponds, "w_out", "w0000");
  }

  /**
   * The daemon's CPU per hop over the measured pulse, by thread (no target: it shows where a hop's
   * time goes on a machine whose cores the threads share).
   */
  private void cpuFigure(Map<String, Object> sz, Pass p) {
    if (p.cpuMs().isEmpty()) {
      return;
    }
    double total = p.cpuMs().values().stream().mapToDouble(Double::doubleValue).sum();
    StringBuilder note = new StringBuilder("by thread per hop:");
    p.cpuMs().entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(
            e ->
                note.append(' ')
                    .append(e.getKey())
                    .append(' ')
                    .append(Report.num(e.getValue() / p.hops()))
                    .append(" ms,"));
    note.append(" cores busy ")
        .append(Report.num(total / p.wallMs()))
        .append(" (schedstat of each thread; JIT = the HotSpot compilers)");
    report.add(
        Figure.of("1 overhead", "daemon CPU per hop", sz, total / p.hops(), "ms")
            .withNote(note.toString()));
  }

  /** Pond projects (name, pond.toml, SQL), the Pond to pulse, and a small Pond to warm up with. */
  record Shape(List<String[]> ponds, String outlet, String warmup) {}

  private Pass measure(String shape, int n, Shape s) throws Exception {
    Path base = env.dir("overhead-" + shape + "-" + n);
    CatchmentLayout layout =
        Daemons.create(base.resolve("root"), Daemons.config("bench", true, Duration.ofSeconds(2)));
    long t = System.nanoTime();
    for (String[] p : s.ponds()) {
      Path project =
          Ponds.write(base.resolve("projects").resolve(p[0]), "pond.toml", p[1], "src/t.sql", p[2]);
      Ponds.deploy(layout, project);
    }
    System.out.println(
        "   deployed "
            + s.ponds().size()
            + " Ponds ("
            + shape
            + ") in "
            + Report.num((System.nanoTime() - t) / 1e9)
            + " s");
    int ponds = s.ponds().size();
    Duration patience = Duration.ofSeconds(120);
    Duration budget = Duration.ofSeconds(env.quick() ? 60 : 180);
    try (Daemons d = Daemons.start(env, layout, "bench")) {
      // Warm-up on a short stretch (JIT, page cache, DuckDB's first load), then the measured pulse.
      Instant w = Ponds.drop(layout, s.warmup(), "pulse");
      if (!Ponds.awaitRunAfter(layout, s.warmup(), w, budget)) {
        System.out.println(
            "   warm-up pulse of "
                + s.warmup()
                + " did not end within the budget; measuring anyway");
      }
      Map<String, Double> cpuBefore = d.cpuByThread();
      Instant t0 = Ponds.drop(layout, s.outlet(), "pulse");
      Ponds.awaitRunAfter(layout, s.outlet(), t0, budget);
      Map<String, Double> cpu = Daemons.cpuBetween(cpuBefore, d.cpuByThread());
      List<Instant[]> busy = new ArrayList<>();
      Instant end = t0;
      int hops = 0;
      double rippleSum = 0;
      int ripples = 0;
      for (String[] p : s.ponds()) {
        List<RunRecord> all = Ponds.runs(layout, p[0]);
        RunRecord r = all.isEmpty() ? null : all.get(all.size() - 1);
        if (r == null || r.started().isBefore(t0) || r.ended() == null) {
          continue; // not reached within the budget
        }
        hops++;
        end = r.ended().isAfter(end) ? r.ended() : end;
        for (RunRecord.RippleRun rr : r.ripples()) {
          busy.add(new Instant[] {rr.started(), rr.ended()});
          rippleSum += Ponds.ms(rr.started(), rr.ended());
          ripples++;
        }
      }
      double wall = Ponds.ms(t0, end);
      double rippleMs = union(busy);
      if (hops == 0) {
        throw new IllegalStateException("no Pond Run ended within " + budget.toSeconds() + " s");
      }
      // After the measured pulse's records are read: these runs of the Inlet come after them.
      double signal = shape.equals("chain") ? signalToStart(layout, s, budget) : Double.NaN;
      Pass pass =
          new Pass(
              ponds,
              hops,
              wall,
              rippleMs,
              wall - rippleMs,
              d.peakRss(),
              budget.toSeconds(),
              rippleSum,
              Math.max(1, ripples),
              cpu,
              d.startMs(),
              signal);
      Env.deleteTree(base.resolve("projects"));
      return pass;
    } catch (RuntimeException e) {
      Path kept = env.scratch().resolveSibling("failed-" + shape + "-" + n + "-events.log");
      Files.copy(layout.eventsLog(), kept, StandardCopyOption.REPLACE_EXISTING);
      throw e;
    } finally {
      Env.deleteTree(base);
    }
  }

  /**
   * p50 ms from a pulse of the shape's first Pond (an Inlet) landing to its Ripple's start on a
   * worker (run.json's {@code started} of the Ripple, not the run's, which is the claim's instant),
   * over {@link #SIGNALS} pulses, one at a time, each at a random moment.
   */
  private static double signalToStart(CatchmentLayout layout, Shape s, Duration patience)
      throws InterruptedException {
    String inlet = s.ponds().get(0)[0];
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < SIGNALS; i++) {
      Thread.sleep(RANDOM.nextInt(50));
      Instant t0 = Ponds.drop(layout, inlet, "pulse");
      ms.add(Ponds.ms(t0, Ponds.awaitRippleStart(layout, inlet, t0, patience)));
    }
    return SignalLatency.percentile(ms, 50);
  }

  /**
   * Median ms of one product-style durable write (fsync'd temp file, rename, fsync'd directory).
   */
  private double durableWrite() throws Exception {
    Path dir = env.dir("fsync");
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      long t = System.nanoTime();
      AtomicFiles.writeString(dir.resolve("status.json"), "{\"i\": " + i + "}\n");
      ms.add((System.nanoTime() - t) / 1e6);
    }
    Env.deleteTree(dir);
    return Procs.median(ms);
  }

  /** Milliseconds covered by at least one interval. */
  static double union(List<Instant[]> intervals) {
    List<Instant[]> sorted = new ArrayList<>(intervals);
    sorted.sort(Comparator.comparing((Instant[] i) -> i[0]));
    double total = 0;
    Instant curStart = null;
    Instant curEnd = null;
    for (Instant[] i : sorted) {
      if (curEnd == null || i[0].isAfter(curEnd)) {
        if (curEnd != null) {
          total += Ponds.ms(curStart, curEnd);
        }
        curStart = i[0];
        curEnd = i[1];
      } else if (i[1].isAfter(curEnd)) {
        curEnd = i[1];
      }
    }
    if (curEnd != null) {
      total += Ponds.ms(curStart, curEnd);
    }
    return total;
  }
}
