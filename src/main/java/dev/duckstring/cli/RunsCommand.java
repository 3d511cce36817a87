package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.fs.Json;
import dev.duckstring.model.Durations;
import dev.duckstring.model.LineId;
import dev.duckstring.model.TestResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code runs}: recent Pond Runs with their Ripples' durations, rows and errors, and their data
 * tests with the failing rows.
 */
final class RunsCommand extends BaseCommand {
  private final OptionSpec<Integer> limit =
      parser
          .accepts("limit", "how many runs (default 20)")
          .withRequiredArg()
          .ofType(Integer.class)
          .defaultsTo(20);
  private final OptionSpec<Void> json = parser.accepts("json", "print JSON for machines");

  @Override
  public String name() {
    return "runs";
  }

  @Override
  public String summary() {
    return "Show recent Pond Runs (newest first) with each Ripple's duration, rows and error.";
  }

  @Override
  public String usage() {
    return "duckstring runs CATCHMENT [POND] [--limit N] [--json]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 1, 2, "CATCHMENT [POND]");
    CatchmentLayout layout = ReadSide.local(env, args.get(0));
    Deployments d = new Deployments(layout);
    List<String> ponds = args.size() == 2 ? List.of(d.defaultLine(args.get(1)).pond()) : d.ponds();
    int n = options.valueOf(limit);
    List<LineId> lines = new ArrayList<>();
    for (String pond : ponds) {
      for (int major : d.majors(pond)) {
        lines.add(new LineId(pond, major));
      }
    }
    List<RunRecord> all = new RunRecords(layout).newest(lines, n);
    if (options.has(json)) {
      env.out().println(Json.write(all));
      return 0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (RunRecord r : all) {
      String took =
          r.ended() == null ? "-" : Durations.human(Duration.between(r.started(), r.ended()));
      rows.add(
          List.of(
              r.line(), r.id(), r.state().word(), took, "", r.error() == null ? "" : r.error()));
      for (RunRecord.RippleRun rr : r.ripples()) {
        rows.add(
            List.of(
                "",
                "  " + rr.name(),
                rr.state().word(),
                rr.durationMs() == null ? "-" : Durations.human(Duration.ofMillis(rr.durationMs())),
                rr.rows() == null ? "" : String.valueOf(rr.rows()),
                rr.error() == null ? "" : rr.error()));
        if (rr.attempts().size() > 1) { // retried: every attempt with its error
          for (RunRecord.Attempt at : rr.attempts()) {
            rows.add(
                List.of(
                    "",
                    "    attempt " + at.attempt(),
                    at.state().word(),
                    at.durationMs() == null
                        ? "-"
                        : Durations.human(Duration.ofMillis(at.durationMs())),
                    "",
                    at.error() == null ? "" : at.error()));
          }
        }
      }
      r.tests().forEach(t -> rows.add(TestLines.row(t)));
    }
    if (rows.isEmpty()) {
      env.out().println("no runs yet");
      return 0;
    }
    TextTable.print(
        env.out(), List.of("POND", "RUN / RIPPLE", "STATE", "TOOK", "ROWS", "ERROR"), rows);
    for (RunRecord r : all) { // the failing rows of each test that did not pass
      for (TestResult t : r.tests()) {
        if (!t.passed() && !t.sample().isEmpty()) {
          env.out().println(r.line() + " " + r.id() + " test " + t.name() + " failing rows:");
          TestLines.sample(t, "  ").forEach(env.out()::println);
        }
      }
    }
    return 0;
  }
}
