package dev.duckstring.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Figure 6: peers running the same chain of N trivial steps (step i copies step i-1's file): GNU
 * make and Snakemake, against the floor of a plain sh script running the same N commands.
 */
final class Peers {
  private final Env env;
  private final Report report;

  Peers(Env env, Report report) {
    this.env = env;
    this.report = report;
  }

  void run(List<Integer> sizes) throws Exception {
    boolean make = Procs.onPath("make");
    boolean snakemake = Procs.onPath("snakemake");
    if (!make) {
      report.skip("6 peers", "make", "'make' is not on the PATH");
    }
    if (!snakemake) {
      report.skip(
          "6 peers",
          "snakemake",
          "'snakemake' is not on the PATH (scripts/bench.sh installs it only when asked: --install or BENCH_INSTALL=1)");
    }
    for (int n : sizes) {
      Path dir = env.dir("peers-" + n);
      write(dir, n);
      double floor = timed(dir, List.of("sh", "chain.sh"));
      Map<String, Object> sz = Map.of("N", n);
      report.add(
          Figure.of("6 peers", "sh per hop (floor)", sz, floor / n, "ms")
              .withNote("a plain sh script running the same N commands"));
      if (make) {
        double ms = timed(dir, List.of("make", "-s", "-f", "chain.mk", last(n)));
        report.add(
            Figure.of("6 peers", "make per hop", sz, ms / n, "ms")
                .withFloor(floor / n, "plain sh, same commands")
                .withNote("overhead per hop " + Report.num((ms - floor) / n) + " ms"));
      }
      if (snakemake) {
        double ms =
            timed(
                dir,
                List.of("snakemake", "--cores", "1", "--quiet", "--nolock", "--config", "n=" + n));
        report.add(
            Figure.of("6 peers", "snakemake per hop", sz, ms / n, "ms")
                .withFloor(floor / n, "plain sh, same commands")
                .withNote(
                    "overhead per hop "
                        + Report.num((ms - floor) / n)
                        + " ms (includes Python start-up)"));
      }
      Env.deleteTree(dir);
    }
  }

  /** Runs {@code cmd} on a clean directory (no step outputs) and returns its wall time. */
  private static double timed(Path dir, List<String> cmd) throws Exception {
    clean(dir);
    Procs.Result r = Procs.ok(dir, Map.of(), cmd);
    return r.ms();
  }

  private static void clean(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) {
        String name = p.getFileName().toString();
        if (name.matches("s\\d+")) {
          Files.delete(p);
        } else if (name.equals(".snakemake")) {
          Env.deleteTree(p);
        }
      }
    }
  }

  private static String last(int n) {
    return "s" + (n - 1);
  }

  private static void write(Path dir, int n) throws Exception {
    StringBuilder sh = new StringBuilder("set -e\necho 0 > s0\n");
    StringBuilder mk = new StringBuilder("s0:\n\techo 0 > s0\n");
    for (int i = 1; i < n; i++) {
      sh.append("cat s").append(i - 1).append(" > s").append(i).append('\n');
      mk.append("s")
          .append(i)
          .append(": s")
          .append(i - 1)
          .append("\n\tcat s")
          .append(i - 1)
          .append(" > s")
          .append(i)
          .append('\n');
    }
    Files.writeString(dir.resolve("chain.sh"), sh);
    Files.writeString(dir.resolve("chain.mk"), mk);
    Files.writeString(
        dir.resolve("Snakefile"),
        String.join(
            "\n",
            "N = int(config['n'])",
            "",
            "rule all:",
            "    input: f's{N - 1}'",
            "",
            "rule first:",
            "    output: 's0'",
            "    shell: 'echo 0 > {output}'",
            "",
            "rule step:",
            "    input: lambda w: f's{int(w.i) - 1}'",
            "    output: 's{i}'",
            "    wildcard_constraints: i='[1-9][0-9]*'",
            "    shell: 'cat {input} > {output}'",
            ""));
  }
}
