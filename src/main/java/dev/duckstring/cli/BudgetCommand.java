package dev.duckstring.cli;

import dev.duckstring.catchment.Deployments;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.FileReads;
import dev.duckstring.manifest.BudgetFile;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.RetryBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code budget}: shows or overrides a line's retry budget without a redeploy. The override is the
 * operator-owned file {@code budgets/m<major>.toml}; the daemon picks it up at its next scan.
 */
final class BudgetCommand extends LineCommand {
  private final OptionSpec<String> immediate =
      parser
          .accepts("immediate", "extra Ripple attempts per run, after a growing pause")
          .withRequiredArg()
          .describedAs("N");
  private final OptionSpec<String> onChange =
      parser
          .accepts("on-change", "extra runs after a failed run, each when a Source publishes")
          .withRequiredArg()
          .describedAs("N");
  private final OptionSpec<Void> reset =
      parser.accepts("reset", "remove the override: pond.toml's [retry] applies again");

  @Override
  public String name() {
    return "budget";
  }

  @Override
  public String summary() {
    return "Show POND's retry budget, or override it without a redeploy (--immediate, --on-change; --reset).";
  }

  @Override
  public String usage() {
    return "duckstring budget CATCHMENT POND [--immediate N] [--on-change N] [--reset] [--version V]";
  }

  @Override
  String negative(String arg) {
    return "a retry budget (--immediate, --on-change) must be a whole number from 0 to "
        + BudgetFile.MAX
        + ", not '"
        + arg
        + "'";
  }

  @Override
  int execute(Target t, OptionSet options, List<String> extra, Env env) throws Exception {
    Integer now = count(options, immediate, "--immediate");
    Integer change = count(options, onChange, "--on-change");
    if (options.has(reset) && (now != null || change != null)) {
      throw new UsageException("--reset takes no --immediate or --on-change");
    }
    Path file = t.layout().budget(t.line());
    String name = t.layout().root().relativize(file).toString();
    RetryBudget base = deployed(t);
    if (options.has(reset)) {
      if (!Files.deleteIfExists(file)) {
        throw new DuckstringException(t.line() + " has no budget override (" + name + ")");
      }
      env.out().println("budget of " + t.line() + " back to pond.toml's: " + base.text());
      return 0;
    }
    BudgetFile.Override current = current(file, name);
    if (now == null && change == null) {
      env.out()
          .println(
              t.line()
                  + ": "
                  + (current == null ? base : current.over(base)).text()
                  + (current == null
                      ? " (pond.toml)"
                      : " (" + name + "; pond.toml says " + base.text() + ")"));
      return 0;
    }
    BudgetFile.Override next =
        new BudgetFile.Override(
            now != null ? now : current == null ? null : current.immediate(),
            change != null ? change : current == null ? null : current.onChange());
    AtomicFiles.writeString(file, BudgetFile.toml(next.immediate(), next.onChange()));
    env.out()
        .println(
            "budget of "
                + t.line()
                + ": "
                + next.over(base).text()
                + " ("
                + name
                + "; the daemon applies it at its next scan)");
    return 0;
  }

  /** The flag's value: a whole number from 0 to the bound, else one line naming the flag. */
  private static Integer count(OptionSet options, OptionSpec<String> spec, String flag) {
    if (!options.has(spec)) {
      return null;
    }
    String v = options.valueOf(spec);
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 0 && n <= BudgetFile.MAX) {
        return n;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new DuckstringException(
        flag + " must be a whole number from 0 to " + BudgetFile.MAX + ", not '" + v + "'");
  }

  private static RetryBudget deployed(Target t) {
    Deployments d = new Deployments(t.layout());
    return d.selected(t.line())
        .map(v -> d.read(t.pond(), v).manifest().retry())
        .orElse(RetryBudget.NONE);
  }

  /** The override in effect, or null; a bad file is named (fix it by hand or --reset). */
  private static BudgetFile.Override current(Path file, String name) {
    if (!Files.exists(file)) {
      return null;
    }
    return BudgetFile.parse(name, FileReads.readAll(file));
  }
}
