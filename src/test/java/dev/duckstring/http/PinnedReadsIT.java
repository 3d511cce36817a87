package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads pinned to a major or a version (decision 46) on the real daemon: {@code outlet} 1.0.0 and
 * 2.0.0 publish different rows; {@code query}/{@code get} with {@code outlet@1}, {@code --version},
 * {@code outlet@1.daily} in SQL, the HTTP view and the CLI over an http:// registration all read
 * the major they name, unpinned reads the highest, and bad pins are refused with one line.
 */
class PinnedReadsIT {
  @TempDir Path tmp;

  private static void deploy(TestCatchment c, String version, String select) throws Exception {
    Projects.write(
        c.cd("outlet-" + version),
        "pond.toml",
        Projects.toml("outlet", version),
        "src/daily.sql",
        select);
    c.cli("deploy", "dev").ok();
    c.cd("work");
  }

  private static String rows(TestCatchment c, String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "query";
    System.arraycopy(args, 0, all, 1, args.length);
    return c.cli(all).ok().out();
  }

  /** How query prints one column {@code v} holding {@code value}. */
  private static String table(String value) {
    return "v\n" + value + "\n";
  }

  /** An HTTP answer's body without whitespace. */
  private static String flat(Http.Answer a) {
    return a.body().replaceAll("\\s+", "");
  }

  @Test
  void pinnedReadsSeeTheirMajorByCliSqlAndHttp() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deploy(c, "1.0.0", "SELECT 1 AS id, 'one' AS v");
      c.cli("pulse", "dev", "outlet").ok();
      c.awaitRuns("outlet@1", 1);
      deploy(c, "2.0.0", "SELECT 2 AS id, 'two' AS v, 20 AS extra");

      // Major 2 has published nothing: an unpinned read says so and names what is there.
      String none = c.cli("query", "dev", "outlet", "daily").exits(1).err();
      assertEquals(
          "duckstring query: outlet@2 has not published anything yet (pulse it); published:"
              + " outlet@1\n",
          none);
      assertEquals(none, c.cli("query", "dev", "outlet@2", "daily").exits(1).err());
      assertEquals(table("one"), rows(c, "dev", "outlet@1", "--sql", "SELECT v FROM daily"));

      c.cli("pulse", "dev", "outlet", "--version", "2").ok();
      c.awaitRuns("outlet@2", 1);

      String one = table("one");
      String two = table("two");
      assertEquals(two, rows(c, "dev", "outlet", "--sql", "SELECT v FROM daily"));
      assertEquals(two, rows(c, "dev", "outlet", "--sql", "SELECT v FROM outlet.daily"));
      assertEquals(one, rows(c, "dev", "outlet@1", "--sql", "SELECT v FROM daily"));
      assertEquals(one, rows(c, "dev", "outlet@1", "--sql", "SELECT v FROM outlet.daily"));
      assertEquals(one, rows(c, "dev", "outlet", "--sql", "SELECT v FROM daily", "--version", "1"));
      assertEquals(one, rows(c, "dev", "outlet@1.0.0", "--sql", "SELECT v FROM daily"));
      assertEquals(one, rows(c, "dev", "outlet", "--sql", "SELECT v FROM outlet@1.daily"));
      assertEquals(two, rows(c, "dev", "outlet@1", "--sql", "SELECT v FROM \"outlet@2\".daily"));
      String both =
          "SELECT a.v AS old, b.v AS new, b.extra FROM outlet@1.daily a, outlet@2.0.0.daily b"
              + " -- outlet@x.daily in a comment\nWHERE 'outlet@1.2.daily' <> ''";
      assertEquals("old  new  extra\none  two  20\n", rows(c, "dev", "outlet", "--sql", both));
      assertTrue(rows(c, "dev", "outlet@1", "daily").contains("one"));

      // get: each pin copies its major's files.
      c.cli("get", "dev", "outlet@2", "daily", "--path", "g2").ok();
      String got =
          c.cli("get", "dev", "outlet", "daily", "--version", "1", "--path", "g1").ok().out();
      assertEquals("copied 1 file(s) of outlet@1.daily to ./g1\n", got);
      for (int major : new int[] {1, 2}) {
        Path data = c.root().resolve("ponds/outlet/m" + major + "/data");
        Path published =
            data.resolve(Files.readString(data.resolve("CURRENT")).strip())
                .resolve("daily/daily.parquet");
        assertEquals(
            -1L,
            Files.mismatch(published, c.cwd().resolve("g" + major + "/daily.parquet")),
            "m" + major);
      }
      c.cli("query", "dev", "outlet@1", "daily", "--csv", "d.csv").ok();
      assertEquals("id,v\n1,one\n", Files.readString(c.cwd().resolve("ponds/outlet/daily/d.csv")));

      // HTTP: pond=outlet@1, version=, pins in SQL, downloads.
      Http http = new Http(c.httpPort());
      String q = "/api/query?sql=" + Http.enc("SELECT v FROM daily") + "&pond=";
      assertTrue(flat(http.get(q + "outlet%401")).contains("[\"one\"]"));
      assertTrue(flat(http.get(q + "outlet@1")).contains("[\"one\"]"));
      assertTrue(flat(http.get(q + "outlet&version=1")).contains("[\"one\"]"));
      assertTrue(flat(http.get(q + "outlet")).contains("[\"two\"]"));
      Http.Answer sqlPin =
          http.get(
              "/api/query?pond=outlet&sql="
                  + Http.enc("SELECT a.v, b.v FROM outlet@1.daily a, \"outlet@2\".daily b"));
      assertEquals(200, sqlPin.status(), sqlPin.body());
      assertTrue(flat(sqlPin).contains("[\"one\",\"two\"]"), sqlPin.body());
      Http.Answer zip = http.get("/api/ponds/outlet@1/ripples/daily");
      assertEquals(200, zip.status());
      assertEquals("outlet@1", zip.header("X-Duckstring-Line"));
      assertEquals(
          "outlet@2", http.get("/api/ponds/outlet/ripples/daily").header("X-Duckstring-Line"));
      assertEquals(
          "outlet@1",
          http.get("/api/ponds/outlet@1.0.0/ripples/daily/daily.parquet")
              .header("X-Duckstring-Line"));
      Http.Answer badPin = http.get(q + "outlet@1.2");
      assertEquals(400, badPin.status());
      assertTrue(badPin.body().contains("'1.2' is not a major"), badPin.body());
      Http.Answer noMajor = http.get("/api/ponds/outlet@3/ripples/daily");
      assertEquals(404, noMajor.status());
      assertTrue(noMajor.body().contains("outlet has no major 3; it has majors 1, 2"));
      Http.Answer badSql =
          http.get("/api/query?pond=outlet&sql=" + Http.enc("SELECT * FROM outlet@x.daily"));
      assertEquals(400, badSql.status());
      assertTrue(badSql.body().contains("'x' is not a major"), badSql.body());

      // The CLI over an http:// registration passes the pin through.
      c.cli("catchment", "connect", "--name", "prod", "--path", c.httpUrl()).ok();
      for (String[] read :
          List.of(
              new String[] {"outlet@1", "--sql", "SELECT v FROM daily"},
              new String[] {"outlet", "--sql", "SELECT v FROM daily", "--version", "1"},
              new String[] {"outlet", "--sql", both},
              new String[] {"outlet", "--sql", "SELECT v FROM daily"})) {
        TestCatchment.Result local = c.cli(concat("query", "dev", read));
        assertEquals(local, c.cli(concat("query", "prod", read)), String.join(" ", read));
      }
      String remote = c.cli("get", "prod", "outlet@1", "daily", "--path", "r1").ok().out();
      assertEquals("copied 1 file(s) of outlet@1.daily to ./r1\n", remote);
      assertEquals(
          -1L,
          Files.mismatch(c.cwd().resolve("g1/daily.parquet"), c.cwd().resolve("r1/daily.parquet")));

      // A version that did not make the published data is refused, naming the one that did.
      deploy(c, "1.1.0", "SELECT 1 AS id, 'one-one' AS v");
      c.awaitStatus("outlet@1", s -> "1.1.0".equals(s.version()));
      assertEquals(
          "duckstring query: outlet@1.1.0: the published data of outlet@1 was made by 1.0.0, not"
              + " 1.1.0; read outlet@1 or outlet@1.0.0\n",
          c.cli("query", "dev", "outlet@1.1.0", "daily").exits(1).err());
      assertEquals(one, rows(c, "dev", "outlet@1.0.0", "--sql", "SELECT v FROM daily"));
    }
  }

  @Test
  void badPinsAreRefusedWithOneLineAndChangeNothing() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deploy(c, "1.0.0", "SELECT 1 AS id, 'one' AS v");
      deploy(c, "2.0.0", "SELECT 2 AS id, 'two' AS v");
      c.cli("pulse", "dev", "outlet", "--version", "1").ok();
      c.awaitRuns("outlet@1", 1);
      String before = Projects.tree(c.root().resolve("ponds/outlet/m1/data"));
      String[][] bad = {
        {"query", "dev", "outlet@x", "daily"},
        {"query", "dev", "outlet@1.2", "daily"},
        {"query", "dev", "outlet@-1", "daily"},
        {"query", "dev", "outlet@3", "daily"},
        {"query", "dev", "outlet@2", "daily"},
        {"query", "dev", "outlet@1.5.0", "daily"},
        {"query", "dev", "outlet@1", "daily", "--version", "2"},
        {"query", "dev", "outlet", "--sql", "SELECT * FROM outlet@1.2.daily"},
        {"query", "dev", "outlet@1", "--sql", "SELECT * FROM outlet@3.daily"},
        {"query", "dev", "outlet@1", "--sql", "SELECT * FROM pond@1.daily"},
        {"query", "dev", "outlet@1", "daily", "--csv", "x.csv", "--version", "x"},
        {"get", "dev", "outlet@x", "daily"},
        {"get", "dev", "outlet@3", "daily"},
        {"get", "dev", "outlet", "daily", "--version", "1.2"},
      };
      String[] expected = {
        "outlet@x: 'x' is not a major (outlet@1) or a version (outlet@1.2.0)",
        "outlet@1.2: '1.2' is not a major (outlet@1) or a version (outlet@1.2.0)",
        "outlet@-1: '-1' is not a major (outlet@1) or a version (outlet@1.2.0)",
        "outlet@3: outlet has no major 3; it has majors 1, 2",
        "outlet@2 has not published anything yet (pulse it); published: outlet@1",
        "outlet@1.5.0: outlet has no version 1.5.0; deployed: 1.0.0, 2.0.0",
        "outlet@1 and --version 2 name different versions: give one of them",
        "outlet@1.2 at line 1, column 15: '1.2' is not a major (outlet@1) or a version"
            + " (outlet@1.2.0)",
        "outlet@3: outlet has no major 3; it has majors 1, 2",
        "pond@1 at line 1, column 15: a query reads the lines of one Pond, here outlet; query"
            + " pond alone",
        "outlet@1 and --version x name different versions: give one of them",
        "outlet@x: 'x' is not a major (outlet@1) or a version (outlet@1.2.0)",
        "outlet@3: outlet has no major 3; it has majors 1, 2",
        "outlet@1.2: '1.2' is not a major (outlet@1) or a version (outlet@1.2.0)",
      };
      for (int i = 0; i < bad.length; i++) {
        TestCatchment.Result r = c.cli(bad[i]);
        assertEquals(1, r.code(), String.join(" ", bad[i]) + ": " + r);
        assertEquals("", r.out(), String.join(" ", bad[i]));
        assertEquals(
            "duckstring " + bad[i][0] + ": " + expected[i] + "\n",
            r.err(),
            String.join(" ", bad[i]));
      }
      assertEquals(before, Projects.tree(c.root().resolve("ponds/outlet/m1/data")));
      assertFalse(Files.exists(c.cwd().resolve("ponds")), "nothing written by a refused read");
    }
  }

  private static String[] concat(String command, String catchment, String[] rest) {
    String[] all = new String[rest.length + 2];
    all[0] = command;
    all[1] = catchment;
    System.arraycopy(rest, 0, all, 2, rest.length);
    return all;
  }
}
