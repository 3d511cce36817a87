package dev.duckstring.bench;

import java.util.Map;
import java.util.Optional;

/**
 * Issue 14's at-a-glance line per N: Duckstring per hop / make per hop / Snakemake per hop, from
 * sections 1 and 6 of the same run; the target is Duckstring at most 2x make.
 */
final class Summary {
  private Summary() {}

  static void add(Report report, Iterable<Integer> sizes) {
    for (int n : sizes) {
      Optional<Double> ours = value(report, "1 overhead", "per-hop wall", "chain", n);
      Optional<Double> make = value(report, "6 peers", "make per hop", null, n);
      Optional<Double> snake = value(report, "6 peers", "snakemake per hop", null, n);
      if (ours.isEmpty()) {
        continue;
      }
      String line =
          "Duckstring "
              + Report.num(ours.get())
              + " ms / make "
              + make.map(Report::num).orElse("n/a")
              + " ms / Snakemake "
              + snake.map(Report::num).orElse("n/a")
              + " ms per hop";
      Figure f =
          Figure.of("7 per hop", "Duckstring / make / Snakemake", Map.of("N", n), ours.get(), "ms");
      if (make.isPresent()) {
        f =
            f.withFloor(make.get(), "GNU make per hop, same chain, same run")
                .withTarget("<= 2x make", 2.0, true);
      }
      report.add(f.withNote(line));
      report.summary("N=" + n + ": " + line);
    }
  }

  private static Optional<Double> value(
      Report report, String section, String name, String shape, int n) {
    return report.figures().stream()
        .filter(f -> f.section().equals(section) && f.name().equals(name))
        .filter(f -> Integer.valueOf(n).equals(f.sizes().get("N")))
        .filter(f -> shape == null || shape.equals(f.sizes().get("shape")))
        .map(Figure::value)
        .findFirst();
  }
}
