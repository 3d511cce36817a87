package dev.duckstring.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code make bench}: measures what users feel, each figure against a floor measured in the same
 * run, at several sizes. Prints one table and writes {@code target/bench/results.json}.
 *
 * <p>Usage: {@code Bench CHECKOUT [--quick] [--only
 * overhead,latency,throughput,wave,cli,peers,memory,spark]}
 */
public final class Bench {
  private static Report report;

  private Bench() {}

  public static void main(String[] args) throws Exception {
    Path checkout = Path.of(args[0]).toAbsolutePath().normalize();
    List<String> rest = Arrays.asList(args).subList(1, args.length);
    boolean quick = rest.contains("--quick");
    Set<String> only =
        Set.of("overhead", "latency", "throughput", "wave", "cli", "peers", "memory", "spark");
    int o = rest.indexOf("--only");
    if (o >= 0) {
      only = Set.of(rest.get(o + 1).split(","));
    }
    Path out = checkout.resolve("target/bench");
    Path scratch = out.resolve("scratch");
    Env.deleteTree(scratch);
    Files.createDirectories(scratch);
    Env env = new Env(checkout, scratch, quick);
    Files.createDirectories(env.home());
    report = new Report(System.out);
    Instant started = Instant.now();
    long t = System.nanoTime();
    System.out.println(
        "duckstring bench (" + (quick ? "quick" : "full") + ") on " + Machine.describe());
    try {
      if (only.contains("cli")) {
        section("5 CLI latency", () -> new CliLatency(env, report).run(quick ? 3 : 11));
      }
      if (only.contains("latency")) {
        section("2 signal-to-start", () -> new SignalLatency(env, report).run(quick ? 20 : 60));
      }
      if (only.contains("wave")) {
        section(
            "4 wave pacing",
            () -> new WavePacing(env, report).run(quick ? 0.1 : 0.2, quick ? 6 : 12));
      }
      if (only.contains("overhead")) {
        section(
            "1 overhead",
            () -> new Overhead(env, report).run(quick ? List.of(10, 50) : List.of(10, 100, 1000)));
      }
      if (only.contains("peers")) {
        section(
            "6 peers",
            () -> new Peers(env, report).run(quick ? List.of(10, 50) : List.of(10, 100, 1000)));
      }
      if (only.contains("overhead")) {
        Summary.add(report, quick ? List.of(10, 50) : List.of(10, 100, 1000));
      }
      // Deploying 1,000 Ponds alone takes minutes: bench-quick runs this only when asked (--only).
      if (only.contains("memory") && (!quick || o >= 0)) {
        section(
            "8 memory",
            () -> new Overhead(env, report).memory(quick ? 100 : 1000, quick ? 50 : 1000));
      }
      if (only.contains("throughput")) {
        section(
            "3 throughput",
            () ->
                new Throughput(env, report)
                    .run(
                        quick
                            ? List.of(100_000L, 1_000_000L)
                            : List.of(1_000_000L, 10_000_000L, 50_000_000L)));
      }
      // Skipped, with the reason, without 'make spark' (decision 56).
      if (only.contains("spark")) {
        section(
            SparkBench.SECTION,
            () ->
                new SparkBench(env, report)
                    .run(quick ? List.of(100_000L) : List.of(1_000_000L, 10_000_000L)));
      }
    } finally {
      Env.deleteTree(scratch);
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("mode", quick ? "quick" : "full");
    header.put("started", started.toString());
    header.put("seconds", Math.round(seconds));
    header.put("machine", Machine.facts());
    report.write(out.resolve("results.json"), header);
    System.out.println();
    System.out.println(
        "duckstring bench ("
            + (quick ? "quick" : "full")
            + "), "
            + String.format(Locale.ROOT, "%.0f", seconds)
            + " s, "
            + Machine.describe());
    System.out.print(report.table());
    System.out.println("written: " + out.resolve("results.json"));
  }

  interface Section {
    void run() throws Exception;
  }

  private static void section(String name, Section s) {
    System.out.println("== " + name);
    long t = System.nanoTime();
    try {
      s.run();
    } catch (Exception e) {
      e.printStackTrace(System.out);
      report.skip(name, "(rest of the section)", "failed: " + e);
    }
    System.out.println("   (" + Duration.ofNanos(System.nanoTime() - t).toSeconds() + " s)");
  }
}
