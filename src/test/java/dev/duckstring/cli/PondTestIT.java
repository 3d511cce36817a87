package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.reflect.TypeToken;
import dev.duckstring.fs.Json;
import dev.duckstring.fs.Trees;
import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.model.DataTest;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import dev.duckstring.testing.TestCatchment.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pond test} over a crafted ./puddles, and deploy refusing a test file (decision 48). */
class PondTestIT {
  private static final String TOML =
      Projects.toml("shop", "1.0.0", "inlet = \"1.0.0\"")
          + "[ripples.daily.checks]\nnot_null = [\"id\"]\nunique = [\"id\"]\n"
          + "accepted_values = { status = [\"open\", \"closed\"] }\nrow_count = \">= 1\"\n";

  @TempDir Path tmp;

  private Path project(TestCatchment c, String toml) throws Exception {
    Path p = c.cd("shop");
    Projects.write(
        p,
        "pond.toml",
        toml,
        "src/daily.sql",
        "SELECT id, status FROM inlet.orders",
        "tests/no_negative.sql",
        "-- no order has a negative revenue\nSELECT id, revenue FROM inlet.orders WHERE revenue < 0;\n");
    return p;
  }

  /**
   * Writes {@code ./puddles/inlet/orders.parquet} and {@code ./puddles/out/daily/daily.parquet}.
   */
  private static void puddles(Path p, String orders, String daily) throws Exception {
    Files.createDirectories(p.resolve("puddles/inlet"));
    Files.createDirectories(p.resolve("puddles/out/daily"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute(
          "COPY ("
              + orders
              + ") TO '"
              + p.resolve("puddles/inlet/orders.parquet")
              + "' (FORMAT parquet)");
      s.execute("COPY (" + daily + ") TO '" + p.resolve("puddles/out/daily/daily.parquet") + "'");
    }
  }

  private static final String GOOD_ORDERS =
      "SELECT * FROM (VALUES (1, 'open', 5.0), (2, 'closed', 7.5)) t(id, status, revenue)";
  private static final String BAD_ORDERS =
      "SELECT * FROM (VALUES (1, 'open', 5.0), (2, 'closed', -7.5), (3, 'open', -1.0))"
          + " t(id, status, revenue)";
  private static final String GOOD_DAILY =
      "SELECT * FROM (VALUES (1, 'open'), (2, 'closed')) t(id, status)";
  private static final String BAD_DAILY =
      "SELECT * FROM (VALUES (1, 'open'), (NULL, 'closed'), (NULL, NULL)) t(id, status)";

  @Test
  void failingNotNullAndSqlTestShowTheirRowsAndExitOne() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      Path p = project(c, TOML);
      puddles(p, BAD_ORDERS, BAD_DAILY);
      String before = Projects.tree(p);
      Result r = c.cli("pond", "test").exits(1);
      assertEquals(before, Projects.tree(p), "pond test writes nothing");
      String out = r.out();
      assertTrue(out.contains("FAIL  no_negative (tests/no_negative.sql)  2 rows  "), out);
      assertTrue(out.contains("FAIL  daily.not_null.id (pond.toml:7:13)  2 rows  "), out);
      assertTrue(out.contains("FAIL  daily.unique.id (pond.toml:8:11)  1 row  "), out);
      assertTrue(out.contains("PASS  daily.accepted_values.status (pond.toml:9:21)  0 rows"), out);
      assertTrue(out.contains("PASS  daily.row_count (pond.toml:10:1)  0 rows"), out);
      assertTrue(out.contains("    id  revenue\n    2   -7.5\n    3   -1.0\n"), out);
      assertTrue(out.contains("    id    status\n    NULL  closed\n    NULL  NULL\n"), out);
      assertTrue(out.contains("    id    duplicates\n    NULL  2\n"), out);
      assertTrue(out.endsWith("2 passed, 3 failed\n"), out);

      Result json = c.cli("pond", "test", "--json").exits(1);
      List<Map<String, Object>> results =
          Json.read(json.out(), new TypeToken<List<Map<String, Object>>>() {}.getType(), "out");
      assertEquals(5, results.size());
      assertEquals("no_negative", results.get(0).get("name"));
      assertEquals(false, results.get(0).get("passed"));
      assertEquals("error", results.get(0).get("severity"));
      assertEquals(List.of("id", "revenue"), results.get(0).get("columns"));
    }
  }

  @Test
  void allPassingExitsZero() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      Path p = project(c, TOML);
      puddles(p, GOOD_ORDERS, GOOD_DAILY);
      Path elsewhere = c.cd("elsewhere");
      String empty = Projects.tree(elsewhere);
      String out = c.cli("pond", "test", "--project", p.toString()).ok().out();
      assertTrue(out.contains("PASS  no_negative (tests/no_negative.sql)  0 rows  "), out);
      assertTrue(out.endsWith("5 passed, 0 failed\n"), out);
      assertEquals(empty, Projects.tree(elsewhere), "nothing written in the working directory");
    }
  }

  @Test
  void warnOnlyFailuresExitZero() throws Exception {
    String toml =
        TOML.replace("[ripples.daily.checks]\n", "[ripples.daily.checks]\nseverity = \"warn\"\n")
            + "[tests.no_negative]\nseverity = \"warn\"\n";
    try (TestCatchment c = new TestCatchment(tmp)) {
      Path p = project(c, toml);
      puddles(p, BAD_ORDERS, BAD_DAILY);
      String out = c.cli("pond", "test").ok().out();
      assertTrue(out.contains("WARN  no_negative (tests/no_negative.sql)  2 rows"), out);
      assertTrue(out.contains("WARN  daily.not_null.id (pond.toml:8:13)  2 rows"), out);
      assertTrue(out.endsWith("2 passed, 0 failed, 3 warned\n"), out);
    }
  }

  @Test
  void aBrokenTestOrAMissingColumnIsAFailureWithItsOneLineReason() throws Exception {
    String toml = TOML.replace("not_null = [\"id\"]", "not_null = [\"id\", \"day\"]");
    try (TestCatchment c = new TestCatchment(tmp)) {
      Path p = project(c, toml);
      Projects.write(p, "tests/two.sql", "SELECT 1; SELECT 2");
      puddles(p, GOOD_ORDERS, GOOD_DAILY);
      String out = c.cli("pond", "test").exits(1).out();
      assertTrue(
          out.contains(
              "    pond.toml:7:19: check not_null on 'daily': no column 'day' (columns: id,"
                  + " status)\n"),
          out);
      assertTrue(
          out.contains("FAIL  two (tests/two.sql)  error  ")
              && out.contains(
                  "    tests/two.sql: not one SELECT query: expected one SQL statement, found 2"),
          out);
    }
  }

  @Test
  void badPlacesAreOneLine() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.cd("empty");
      Result outside = c.cli("pond", "test").exits(2);
      assertTrue(
          outside.err().startsWith("duckstring pond test: not a Pond project: no pond.toml in "),
          outside.err());
      Path p = project(c, TOML);
      Result never = c.cli("pond", "test").exits(1);
      assertEquals(
          "duckstring pond test: no local run in "
              + p.resolve("puddles/out")
              + ": run 'duckstring pond run' first (after 'duckstring pond hydrate CATCHMENT' if"
              + " the Pond has Sources)\n",
          never.err());
      assertFalse(Files.exists(p.resolve("puddles")));
      Files.createDirectories(p.resolve("puddles/out/daily"));
      Result unhydrated = c.cli("pond", "test").exits(1);
      assertEquals(
          "duckstring pond test: no puddles for source 'inlet': run duckstring pond hydrate"
              + " <catchment>\n",
          unhydrated.err());
      Trees.delete(p.resolve("puddles"));
      Projects.write(p, "pond.toml", TOML + "[ripples.dialy.checks]\nnot_null = [\"id\"]\n");
      Result bad = c.cli("pond", "test").exits(1);
      assertTrue(
          bad.err().contains("pond.toml:11:1: error: 'ripples.dialy.checks' is on"), bad.err());
      assertTrue(
          c.cli("pond", "test", "--help").ok().out().startsWith("usage: duckstring pond test"));
    }
  }

  @Test
  void deployRefusesATestFileThatIsNotOneSelectAndChangesNothing() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Path p = project(c, TOML);
      Projects.write(p, "tests/two.sql", "DELETE FROM daily");
      String before = Projects.tree(c.root());
      Result r = c.cli("deploy", "dev").exits(1);
      assertEquals(
          "duckstring deploy: cannot deploy shop 1.0.0: tests/two.sql: not one SELECT query: only a"
              + " single query (SELECT, WITH, FROM, VALUES, DESCRIBE, ...) is allowed here, not"
              + " another kind of statement (CREATE, INSERT, COPY, SET, ATTACH, ...)\n",
          r.err());
      assertEquals(before, Projects.tree(c.root()));
      Result plan = c.cli("deploy", "dev", "--plan").exits(1);
      assertTrue(plan.out().contains("tests/two.sql: not one SELECT query"), plan.out());
      Files.delete(p.resolve("tests/two.sql"));
      c.cli("deploy", "dev").ok();
      assertTrue(
          Files.isRegularFile(c.root().resolve("ponds/shop/versions/1.0.0/tests/no_negative.sql")));
    }
  }

  @Test
  void theDemoPondsCarryEveryKindOfTestAndPassOverTheirPublishedData() throws Exception {
    Set<DataTest.Kind> kinds = EnumSet.noneOf(DataTest.Kind.class);
    for (String demo : PondDemoCommand.DEMOS) {
      ManifestReader.read(Path.of("demos", demo)).tests().forEach(t -> kinds.add(t.kind()));
    }
    assertEquals(EnumSet.allOf(DataTest.Kind.class), kinds);
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.cli("pulse", "dev", "outlet").ok();
      c.awaitRuns("outlet@1", 1);
      Map<String, String> sourceOf = Map.of("pond", "inlet", "outlet", "pond");
      for (String demo : PondDemoCommand.DEMOS) {
        Path p = tmp.resolve(demo);
        copyTables(c, demo, p.resolve("puddles/out"), false);
        if (sourceOf.containsKey(demo)) {
          copyTables(c, sourceOf.get(demo), p.resolve("puddles").resolve(sourceOf.get(demo)), true);
        }
        String out = c.cli("pond", "test", "--project", p.toString()).ok().out();
        assertFalse(out.contains("FAIL"), out);
        assertTrue(out.matches("(?s).*\\n\\d+ passed, 0 failed\\n"), out);
      }
    }
  }

  /**
   * Copies the current published generation of {@code pond}'s major 1 into {@code dest}: each
   * table's directory ({@code out/<ripple>/}), or, {@code flat}, each table as a puddle's {@code
   * <table>.parquet}.
   */
  private static void copyTables(TestCatchment c, String pond, Path dest, boolean flat)
      throws Exception {
    Path data = c.root().resolve("ponds").resolve(pond).resolve("m1/data");
    Path gen = data.resolve(Files.readString(data.resolve("CURRENT")).strip());
    try (var tables = Files.list(gen)) {
      for (Path table : tables.filter(Files::isDirectory).toList()) {
        String name = table.getFileName().toString();
        try (var files = Files.list(table)) {
          for (Path f : files.toList()) {
            Path to =
                flat
                    ? dest.resolve(name + ".parquet")
                    : dest.resolve(name).resolve(f.getFileName());
            if (!flat || f.getFileName().toString().equals(name + ".parquet")) {
              Files.createDirectories(to.getParent());
              Files.copy(f, to);
            }
          }
        }
      }
    }
  }

  @Test
  void theJarExitsOneOnAFailingTest() throws Exception {
    Path p = Files.createDirectories(tmp.resolve("shop"));
    try (TestCatchment c = new TestCatchment(tmp)) {
      project(c, TOML);
      puddles(p, BAD_ORDERS, GOOD_DAILY);
    }
    List<String> cmd =
        new ArrayList<>(List.of(Path.of("bin/duckstring").toAbsolutePath().toString()));
    cmd.addAll(List.of("pond", "test"));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(p.toFile()).redirectErrorStream(true);
    pb.environment().put("DUCKSTRING_HOME", tmp.resolve("home").toString());
    Process proc = pb.start();
    String out = new String(proc.getInputStream().readAllBytes());
    assertTrue(proc.waitFor(120, TimeUnit.SECONDS));
    assertEquals(1, proc.exitValue(), out);
    assertTrue(out.contains("FAIL  no_negative (tests/no_negative.sql)  2 rows"), out);
    assertTrue(out.contains("PASS  daily.not_null.id"), out);
  }
}
