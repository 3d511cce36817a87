package dev.duckstring.bench;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.manifest.TriggerFile;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.Trigger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figure 4: a standing wave on a 3-Pond chain of command Ripples sleeping s, 3s and s seconds (the
 * middle one is the bottleneck). After a warm-up, from the run records: the Outlet's cadence
 * divided by the measured bottleneck duration, and the Inlet's executed runs per Outlet run.
 */
final class WavePacing {
  private final Env env;
  private final Report report;

  WavePacing(Env env, Report report) {
    this.env = env;
    this.report = report;
  }

  void run(double step, int cycles) throws Exception {
    int warm = 3;
    Path base = env.dir("wave");
    CatchmentLayout layout =
        Daemons.create(base.resolve("root"), Daemons.config("bench", true, Duration.ofSeconds(2)));
    String[][] ponds = {
      {"wa", "inlet", null, fmt(step)},
      {"wb", "pond", "wa", fmt(3 * step)},
      {"wc", "outlet", "wb", fmt(step)}
    };
    for (String[] p : ponds) {
      // Each writes a new value so that no Pond passes for lack of change.
      String extra =
          "[ripples.s]\ncommand = [\"sh\", \"-c\", \"sleep "
              + p[3]
              + "; date +%s%N > \\\"$DUCKSTRING_OUT/s.txt\\\"\"]\n";
      List<String> sources = p[2] == null ? List.of() : List.of(p[2]);
      Path project =
          Ponds.write(base.resolve(p[0]), "pond.toml", Ponds.toml(p[0], p[1], sources, extra));
      Ponds.deploy(layout, project);
    }
    Path trigger = layout.trigger(new LineId("wc", 1));
    try (Daemons d = Daemons.start(env, layout, "bench")) {
      Files.createDirectories(trigger.getParent());
      Files.writeString(trigger, TriggerFile.toml(new Trigger.Wave()));
      Ponds.await(
          layout,
          "wc",
          Duration.ofSeconds(60 + (long) (cycles * step * 10)),
          s -> s.runsCompleted() >= warm + cycles + 1);
      Files.delete(trigger);
      Ponds.await(layout, "wc", Duration.ofSeconds(60), s -> s.trigger() == null);
    }
    List<RunRecord> c = executed(Ponds.runs(layout, "wc"));
    List<RunRecord> b = executed(Ponds.runs(layout, "wb"));
    List<RunRecord> a = executed(Ponds.runs(layout, "wa"));
    c.sort((x, y) -> x.ended().compareTo(y.ended()));
    RunRecord from = c.get(warm);
    RunRecord to = c.get(warm + cycles);
    double cadence = Ponds.ms(from.ended(), to.ended()) / cycles;
    List<Double> bottleneck = new ArrayList<>();
    for (RunRecord r : b) {
      if (!r.started().isBefore(from.ended()) && !r.ended().isAfter(to.ended())) {
        bottleneck.add((double) r.ripples().get(0).durationMs());
      }
    }
    double bn = bottleneck.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    long upstream =
        a.stream().filter(r -> r.f().isAfter(from.f()) && !r.f().isAfter(to.f())).count();
    Map<String, Object> sz =
        Map.of("sleeps_s", fmt(step) + "/" + fmt(3 * step) + "/" + fmt(step), "cycles", cycles);
    report.add(
        Figure.of("4 wave pacing", "cadence", sz, cadence, "ms")
            .withFloor(bn, "bottleneck Ripple's measured duration")
            .withTarget("ratio <= 1.05", 1.05, true)
            .withNote(
                "mean Outlet period over " + cycles + " runs after " + warm + " warm-up runs"));
    report.add(
        Figure.of(
                "4 wave pacing",
                "upstream runs per downstream run",
                sz,
                (double) upstream / cycles,
                "runs")
            .withTarget("1.0", 1.0, false)
            .withNote(
                upstream
                    + " Inlet runs with freshness in the Outlet's window of "
                    + cycles
                    + " runs"));
    Env.deleteTree(base);
  }

  /** Runs that executed their Ripples (not passed, not overtaken). */
  private static List<RunRecord> executed(List<RunRecord> runs) {
    List<RunRecord> out = new ArrayList<>();
    for (RunRecord r : runs) {
      if (r.state() == RunOutcome.SUCCESS
          && r.ended() != null
          && !r.ripples().isEmpty()
          && r.ripples().get(0).durationMs() != null) {
        out.add(r);
      }
    }
    return out;
  }

  private static String fmt(double s) {
    return String.format(Locale.ROOT, "%.2f", s).replaceAll("0+$", "").replaceAll("\\.$", "");
  }
}
