package dev.duckstring.cli;

import dev.duckstring.fs.Json;
import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.TestResult;
import dev.duckstring.runner.Cancellation;
import dev.duckstring.runner.DataTestRunner;
import dev.duckstring.runner.DuckDbOptions;
import dev.duckstring.runner.LocalRun;
import dev.duckstring.runner.Puddles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code pond test}: runs a Pond project's data tests (decision 48) over its last local run ({@code
 * ./puddles/out/<ripple>/}, bare names) and its hydrated Sources ({@code ./puddles/<source>/},
 * {@code source.table}) with the runner the daemon uses before a publish.
 */
final class PondTestCommand extends BaseCommand {
  private final OptionSpec<String> project =
      parser.accepts("project", "the Pond project (default: this directory)").withRequiredArg();
  private final OptionSpec<Void> json =
      parser.accepts("json", "print the results as JSON instead of lines");

  @Override
  public String name() {
    return "pond test";
  }

  @Override
  public String summary() {
    return "Run this Pond's data tests (tests/*.sql and [ripples.<r>.checks]) over its last local"
        + " run in ./puddles/out and its hydrated Sources in ./puddles; exit 1 when a test of"
        + " severity error fails.";
  }

  @Override
  public String usage() {
    return "duckstring pond test [--project DIR] [--json]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) {
    expect(args, 0, 0, "no arguments");
    Path dir;
    try {
      dir = PondProject.dir(env, options.valueOf(project));
    } catch (PondProject.BadArgument e) {
      env.err().println("duckstring " + name() + ": " + e.getMessage());
      return Cli.USAGE;
    }
    PondManifest manifest = ManifestReader.read(dir);
    Path puddles = PondProject.puddles(dir);
    Path out = puddles.resolve(LocalRun.OUT);
    if (!Files.isDirectory(out)) {
      env.err()
          .println(
              "duckstring pond test: no local run in "
                  + out
                  + ": run 'duckstring pond run' first (after 'duckstring pond hydrate CATCHMENT'"
                  + " if the Pond has Sources)");
      return Cli.FAILURE;
    }
    Map<String, Path> own = new TreeMap<>();
    for (RippleSpec r : manifest.ripples()) {
      if (Files.isDirectory(out.resolve(r.name()))) {
        own.put(r.name(), out.resolve(r.name()));
      }
    }
    // the same Source puddles pond run reads: a required one missing is one line naming the fix
    Map<String, Path> sources = Puddles.sources(manifest, puddles, env.err()::println);
    // A spill, if any, stays under ./puddles/ like everything else a local loop writes.
    DuckDbOptions duck = new DuckDbOptions(0, null, true, puddles.resolve(".tmp"));
    List<TestResult> results;
    try (DataTestRunner runner = new DataTestRunner(duck)) {
      results = runner.run(manifest.tests(), dir, own, sources, new Cancellation());
    }
    if (options.has(json)) {
      env.out().println(Json.write(json(results)));
    } else {
      print(env, results);
    }
    return results.stream().anyMatch(TestResult::failsRun) ? Cli.FAILURE : Cli.OK;
  }

  private static void print(Env env, List<TestResult> results) {
    if (results.isEmpty()) {
      env.out().println("no data tests: add tests/*.sql or [ripples.<r>.checks] to pond.toml");
      return;
    }
    int passed = 0;
    int failed = 0;
    int warned = 0;
    for (TestResult r : results) {
      String word = r.passed() ? "PASS" : r.failsRun() ? "FAIL" : "WARN";
      passed += r.passed() ? 1 : 0;
      failed += r.failsRun() ? 1 : 0;
      warned += !r.passed() && !r.failsRun() ? 1 : 0;
      env.out()
          .println(
              word
                  + "  "
                  + r.name()
                  + " ("
                  + r.origin()
                  + ")  "
                  + (r.error() != null ? "error" : r.rows() + (r.rows() == 1 ? " row" : " rows"))
                  + "  "
                  + r.millis()
                  + "ms");
      if (r.error() != null) {
        env.out().println("    " + r.error());
      } else if (!r.sample().isEmpty()) {
        for (String line : TextTable.lines(r.columns(), r.sample(), false)) {
          env.out().println("    " + line);
        }
        if (r.rows() > r.sample().size()) {
          env.out().println("    ... " + (r.rows() - r.sample().size()) + " more");
        }
      }
    }
    env.out()
        .println(
            passed
                + " passed, "
                + failed
                + " failed"
                + (warned > 0 ? ", " + warned + " warned" : ""));
  }

  private static List<Map<String, Object>> json(List<TestResult> results) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (TestResult r : results) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", r.name());
      m.put("severity", r.severity().word());
      m.put("origin", r.origin());
      m.put("passed", r.passed());
      m.put("rows", r.rows());
      m.put("millis", r.millis());
      m.put("error", r.error());
      m.put("columns", r.columns());
      m.put("sample", r.sample());
      out.add(m);
    }
    return out;
  }
}
