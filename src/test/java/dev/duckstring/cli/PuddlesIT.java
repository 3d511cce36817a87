package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.Generations;
import dev.duckstring.fs.Trees;
import dev.duckstring.model.LineId;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pond hydrate} and {@code pond run} against a real daemon's root, locally and over HTTP:
 * the local run of a version gives exactly the rows the Catchment's run of it published.
 */
class PuddlesIT {
  @TempDir Path tmp;

  @Test
  void hydrateThenRunGivesTheRowsTheCatchmentPublished() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.cli("pulse", "dev", "outlet").ok();
      c.awaitRuns("outlet@1", 1);
      c.cli("catchment", "connect", "--name", "web", "--path", c.httpUrl()).ok();

      // Local root: the whole of inlet, and the Pond's own published data.
      Path local = c.cd("local-pond");
      c.cli("pond", "demo", "pond").ok();
      String project = Projects.tree(local);
      TestCatchment.Result h = c.cli("pond", "hydrate", "dev").ok();
      assertTrue(h.out().contains("inlet.orders 200000 rows "), h.out());
      assertTrue(h.out().contains("inlet.customers 2000 rows "), h.out());
      assertTrue(h.out().contains("pond.sales 200000 rows "), h.out()); // its own, for a self-read
      assertTrue(Files.isRegularFile(local.resolve("puddles/inlet/orders.parquet")));
      String schema = Files.readString(local.resolve("puddles/inlet/orders.schema.json"));
      assertTrue(schema.contains("\"name\": \"order_id\"") && schema.contains("BIGINT"), schema);

      TestCatchment.Result r = c.cli("pond", "run").ok();
      assertTrue(
          r.out().matches("(?s)RIPPLE +KIND +ROWS +DURATION\n" + "sales +sql +200000 .*"), r.out());
      assertTrue(r.out().contains("regions"), r.out());
      Path published = new Generations(c.layout()).current(LineId.parse("pond@1")).orElseThrow();
      assertSame(
          published.resolve("sales/sales.parquet"),
          local.resolve("puddles/out/sales/sales.parquet"));
      assertSame(
          published.resolve("regions/regions.parquet"),
          local.resolve("puddles/out/regions/regions.parquet"));
      assertEquals(List.of("regions", "sales"), names(local.resolve("puddles/out")));
      assertEquals(
          project,
          Projects.tree(local)
              .lines()
              .filter(l -> !l.startsWith("puddles"))
              .map(l -> l + "\n")
              .reduce("", String::concat),
          "nothing written outside ./puddles");

      // Over HTTP: the same rows, and --rows cuts every table.
      Path web = c.cd("web-pond");
      c.cli("pond", "demo", "pond").ok();
      c.cli("pond", "hydrate", "web").ok();
      c.cli("pond", "run").ok();
      assertSame(
          published.resolve("sales/sales.parquet"), web.resolve("puddles/out/sales/sales.parquet"));
      h = c.cli("pond", "hydrate", "web", "--rows", "10").ok();
      assertTrue(h.out().contains("inlet.orders 10 rows "), h.out());
      assertEquals(10, count(web.resolve("puddles/inlet/orders.parquet")));
      assertEquals(
          List.of(
              "customers.parquet", "customers.schema.json", "orders.parquet", "orders.schema.json"),
          names(web.resolve("puddles/inlet")));
      h = c.cli("pond", "hydrate", "dev", "--sample", "10%").ok();
      long sampled = count(web.resolve("puddles/inlet/orders.parquet"));
      assertTrue(sampled > 15_000 && sampled < 25_000, "about 10% of 200000: " + sampled);

      // A command Ripple runs locally with the daemon's variables.
      Path outlet = c.cd("local-outlet");
      c.cli("pond", "demo", "outlet").ok();
      c.cli("pond", "hydrate", "dev").ok();
      r = c.cli("pond", "run").ok();
      assertTrue(r.out().contains("report") && r.out().contains("command"), r.out());
      String report = Files.readString(outlet.resolve("puddles/out/report/report.md"));
      assertTrue(report.contains("- daily.parquet"), report);
      assertTrue(report.contains("Data as fresh as: 20"), report);
      Path outletData = new Generations(c.layout()).current(LineId.parse("outlet@1")).orElseThrow();
      assertSame(
          outletData.resolve("daily/daily.parquet"),
          outlet.resolve("puddles/out/daily/daily.parquet"));
      assertTrue(Files.isRegularFile(outlet.resolve("puddles/out/report.log")));
    }
  }

  @Test
  void selfReadAndCommandEnvironmentMatchTheDaemon() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      String env =
          "[ripples.env]\nparents = [\"tally\"]\ncommand = [\"sh\", \"-c\","
              + " \"env | grep ^DUCKSTRING_ | sort > $DUCKSTRING_OUT/env.txt\"]\n";
      Path deployed = c.cd("tally-1");
      Projects.write(
          deployed,
          "pond.toml",
          Projects.toml("tally", "1.0.0", "inlet = \"1.0.0\"") + env,
          "src/tally.sql",
          "SELECT count(*) AS n FROM inlet.customers");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "tally").ok();
      c.awaitRuns("tally@1", 1);

      Path local = c.cd("tally-2");
      Projects.write(
          local,
          "pond.toml",
          Projects.toml("tally", "1.1.0", "inlet = \"1.0.0\"", "ghost = \"1.0.0?\"") + env,
          "src/tally.sql",
          "SELECT n + 1 AS n FROM tally");
      TestCatchment.Result h = c.cli("pond", "hydrate", "dev").ok();
      assertTrue(
          h.err().contains("note: optional source ghost@1 is not deployed; skipped"), h.err());
      assertTrue(h.out().contains("tally.tally 1 rows "), h.out());
      // --version: the pins of 1.0.0 as deployed (no ghost), locally and over HTTP.
      c.cli("catchment", "connect", "--name", "web", "--path", c.httpUrl()).ok();
      for (String catchment : List.of("dev", "web")) {
        h = c.cli("pond", "hydrate", catchment, "--version", "1.0.0").ok();
        assertEquals("", h.err());
        assertTrue(h.out().contains("inlet.customers 2000 rows "), h.out());
      }
      assertOneLine(
          c.cli("pond", "hydrate", "dev", "--version", "9.9.9").exits(1),
          "duckstring pond hydrate: pond 'tally' has no deployed version 9.9.9; deployed: 1.0.0");
      assertOneLine(
          c.cli("pond", "hydrate", "web", "--version", "9.9.9").exits(1),
          "duckstring pond hydrate: pond 'tally' has no deployed version 9.9.9; deployed: 1.0.0");
      assertOneLine(
          c.cli("pond", "hydrate", "dev", "--version", "latest").exits(2),
          "duckstring pond hydrate: --version must be a version such as 1.2.0, got 'latest'");

      TestCatchment.Result r = c.cli("pond", "run").ok();
      assertTrue(r.err().contains("optional source 'ghost' has no puddle"), r.err());
      Path out = local.resolve("puddles/out/tally/tally.parquet");
      assertEquals("2001", value(out), "read from the hydrated copy of its own data (2000)");
      c.cli("pond", "run", "--ripple", "tally").ok();
      assertEquals("2002", value(out), "then from out/ of the last local run");

      Path published = new Generations(c.layout()).current(LineId.parse("tally@1")).orElseThrow();
      Map<String, String> daemon = vars(published.resolve("env/env.txt"));
      Map<String, String> mine = vars(local.resolve("puddles/out/env/env.txt"));
      assertEquals(daemon.keySet(), mine.keySet());
      assertEquals(
          List.of(
              "DUCKSTRING_F",
              "DUCKSTRING_INPUT_TALLY",
              "DUCKSTRING_OUT",
              "DUCKSTRING_POND",
              "DUCKSTRING_RIPPLE",
              "DUCKSTRING_SOURCE_INLET"),
          List.copyOf(mine.keySet()));
      assertEquals(daemon.get("DUCKSTRING_POND"), mine.get("DUCKSTRING_POND"));
      assertEquals(local.resolve("puddles/inlet").toString(), mine.get("DUCKSTRING_SOURCE_INLET"));
      assertEquals(
          local.resolve("puddles/out/tally").toString(), mine.get("DUCKSTRING_INPUT_TALLY"));

      // With neither a previous output nor a hydrated copy, it fails as the daemon does.
      Trees.delete(local.resolve("puddles/out"));
      Trees.delete(local.resolve("puddles/tally"));
      r = c.cli("pond", "run").exits(1);
      List<String> err = r.err().lines().toList();
      assertEquals(2, err.size(), r.err()); // the note on ghost, and the one-line error
      assertTrue(
          err.get(1)
              .startsWith(
                  "duckstring pond run: ripple 'tally' failed: Catalog Error: Table with name"
                      + " tally does not exist"),
          r.err());
    }
  }

  @Test
  void badInputIsOneLineAndWritesNothing() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Path none = c.cd("nowhere");
      TestCatchment.Result r = c.cli("pond", "run").exits(2);
      assertOneLine(r, "duckstring pond run: not a Pond project: no pond.toml in " + none);
      assertOneLine(
          c.cli("pond", "hydrate", "dev").exits(2), "duckstring pond hydrate: not a Pond project");

      Path p = c.cd("p");
      c.cli("pond", "demo", "pond").ok();
      String before = Projects.tree(p);
      assertOneLine(
          c.cli("pond", "run").exits(1),
          "duckstring pond run: no puddles for source 'inlet': run duckstring pond hydrate <catchment>");
      assertOneLine(
          c.cli("pond", "run", "--ripple", "salse").exits(2),
          "duckstring pond run: unknown ripple 'salse' (did you mean 'sales'?)");
      assertOneLine(
          c.cli("pond", "hydrate", "dev", "--rows", "-1").exits(2),
          "duckstring pond hydrate: --rows must be");
      assertOneLine(
          c.cli("pond", "hydrate", "dev", "--sample", "0%").exits(2),
          "duckstring pond hydrate: --sample must be");
      assertOneLine(
          c.cli("pond", "hydrate", "dev", "--sample", "abc").exits(2),
          "duckstring pond hydrate: --sample must be");
      assertOneLine(
          c.cli("pond", "hydrate", "dev", "--rows", "5", "--sample", "1%").exits(2),
          "duckstring pond hydrate: give --rows or --sample, not both");
      assertOneLine(
          c.cli("pond", "hydrate", "dev").exits(1),
          "duckstring pond hydrate: required source inlet@1 is not deployed in catchment 'dev'");
      assertEquals(before, Projects.tree(p), "nothing written");

      c.cd("inlet");
      c.cli("pond", "demo", "inlet").ok();
      c.cli("deploy", "dev").ok();
      c.cd("p");
      assertOneLine(
          c.cli("pond", "hydrate", "dev").exits(1),
          "duckstring pond hydrate: inlet@1 has not published anything yet (pulse it)");
      c.cli("catchment", "connect", "--name", "web", "--path", c.httpUrl()).ok();
      assertOneLine(
          c.cli("pond", "hydrate", "web").exits(1),
          "duckstring pond hydrate: inlet@1 has not published anything yet (pulse it)");
      Projects.write(p, "pond.toml", Projects.toml("pond", "1.0.0", "feed = \"1.0.0\""));
      before = Projects.tree(p);
      assertOneLine(
          c.cli("pond", "hydrate", "web").exits(1),
          "duckstring pond hydrate: required source feed@1 is not deployed in catchment 'web'");
      assertEquals(before, Projects.tree(p), "nothing written");
    }
  }

  private static void assertOneLine(TestCatchment.Result r, String start) {
    assertTrue(r.err().startsWith(start), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals("", r.out());
  }

  /** The two files hold the same rows (as multisets), and some. */
  private static void assertSame(Path expected, Path actual) throws SQLException {
    String a = "read_parquet('" + expected + "')";
    String b = "read_parquet('" + actual + "')";
    assertEquals(
        "0 0",
        query(
            "SELECT (SELECT count(*) FROM (SELECT * FROM "
                + a
                + " EXCEPT ALL SELECT * FROM "
                + b
                + ")) || ' ' || (SELECT count(*) FROM (SELECT * FROM "
                + b
                + " EXCEPT ALL SELECT * FROM "
                + a
                + "))"));
    assertTrue(count(expected) > 0);
    assertEquals(count(expected), count(actual));
  }

  private static long count(Path parquet) throws SQLException {
    return Long.parseLong(query("SELECT count(*) FROM read_parquet('" + parquet + "')"));
  }

  private static String value(Path parquet) throws SQLException {
    return query("SELECT n FROM read_parquet('" + parquet + "')");
  }

  private static String query(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getString(1);
    }
  }

  private static Map<String, String> vars(Path file) throws Exception {
    Map<String, String> out = new TreeMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      out.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return out;
  }

  private static List<String> names(Path dir) throws Exception {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("."))
          .sorted()
          .toList();
    }
  }
}
