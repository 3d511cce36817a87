package dev.duckstring.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files {@code pond init} writes: a manifest, one SQL Ripple, one data test, README, ignores.
 */
final class PondScaffold {
  /**
   * The .gitignore line that keeps hydrated data and local run outputs out of git (decision 51).
   */
  static final String PUDDLES_LINE = "puddles/";

  private static final String PUDDLES_ENTRY =
      "# local data of 'duckstring pond hydrate' and 'pond run' (deploy never copies it)\n"
          + PUDDLES_LINE
          + "\n";

  private PondScaffold() {}

  /** Each file of a new Pond {@code name}, by project-relative path, in the order written. */
  static Map<String, String> files(String name) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put(
        "pond.toml",
        "[pond]\nname = \""
            + name
            + "\"\nversion = \"0.1.0\"\ntype = \"pond\"\n\n"
            + "# Upstream Ponds this one reads, as name = \"min version\" (\"1.0.0?\" = optional):\n"
            + "[sources]\n");
    files.put(
        "src/example.sql",
        "-- A SQL Ripple: its SELECT becomes the table 'example'.\n"
            + "-- Read a Source's table as source.table, and this Pond's own tables by bare name.\n"
            + "SELECT 1 AS id, 'hello from "
            + name
            + "' AS greeting\n");
    files.put(
        "tests/greeting_not_empty.sql",
        "-- A data test: a query that returns the rows that violate it; zero rows pass.\n"
            + "-- It reads this Pond's tables by bare name and its Sources' as source.table.\n"
            + "-- 'duckstring pond test' runs every tests/*.sql after 'duckstring pond run', and\n"
            + "-- the Catchment runs them before each publish: a failing test keeps the last good"
            + " data.\n"
            + "SELECT * FROM example WHERE greeting IS NULL OR greeting = ''\n");
    files.put("README.md", readme(name));
    files.put(
        ".gitignore",
        "# outputs of 'duckstring get' and 'duckstring query'\nponds/\n" + PUDDLES_ENTRY);
    return files;
  }

  private static String readme(String name) {
    return "# "
        + name
        + "\n\nA Duckstring Pond. Each `src/*.sql` is a Ripple producing one table; each"
        + " `tests/*.sql`\nis a data test that returns the rows violating it (zero rows pass).\n"
        + "Deploy with `duckstring deploy CATCHMENT`, run with `duckstring pulse CATCHMENT "
        + name
        + "`.\n\n"
        + "## Develop locally\n\n"
        + "Try a change on this machine before deploying it: hydrate sample data from a Catchment,"
        + "\nedit, run, test, then deploy. Only `hydrate` reads the Catchment; `run` and `test`"
        + " need\nneither it nor its daemon.\n\n"
        + "```sh\n"
        + "duckstring pond hydrate dev --rows 1000   # each Source's published data, into"
        + " ./puddles/\n"
        + "# edit src/*.sql, add tests/*.sql or [ripples.<r>.checks] in pond.toml\n"
        + "duckstring pond run                       # every Ripple, outputs in ./puddles/out/\n"
        + "duckstring pond test                      # tests/*.sql and the pond.toml checks\n"
        + "duckstring deploy dev                     # raise [pond] version once it is deployed\n"
        + "duckstring pulse dev "
        + name
        + " --wait\n"
        + "```\n\n"
        + "`puddles/` is local data only: it is in `.gitignore`, and `deploy` never copies it.\n";
  }

  /**
   * {@code existing} .gitignore text with the puddles entry appended, or null when it already
   * ignores {@code puddles/}.
   */
  static String withPuddles(String existing) {
    boolean has =
        existing
            .lines()
            .map(String::strip)
            .anyMatch(l -> l.equals("puddles/") || l.equals("/puddles/") || l.equals("puddles"));
    if (has) {
      return null;
    }
    String sep = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
    return existing + sep + PUDDLES_ENTRY;
  }
}
