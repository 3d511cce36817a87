package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code catchment connect --path http://...}: status, get and query answer exactly as on the local
 * root; every command that writes is refused with the read-only message.
 */
class RemoteIT {
  @TempDir Path tmp;

  @Test
  void statusGetAndQueryOverHttpMatchTheLocalRoot() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      c.cli("pulse", "dev", "outlet").ok();
      for (String line : List.of("inlet@1", "pond@1", "outlet@1")) {
        c.awaitRuns(line, 1);
      }
      String url = c.httpUrl();
      String connected = c.cli("catchment", "connect", "--name", "prod", "--path", url).ok().out();
      assertEquals(
          "registered catchment 'prod' at " + url + " (read-only: status, get, query)\n",
          connected);

      String localJson = c.cli("status", "dev", "--all", "--json").ok().out();
      String remoteJson = c.cli("status", "prod", "--all", "--json").ok().out();
      assertTrue(
          localJson.contains("\"alive\": true") && remoteJson.contains("\"alive\": true"),
          remoteJson);
      assertEquals(withoutDaemon(localJson), withoutDaemon(remoteJson));
      assertEquals(
          ages(c.cli("status", "dev", "--all").ok().out()),
          ages(c.cli("status", "prod", "--all").ok().out()));
      assertEquals(c.cli("status", "dev").ok().out(), c.cli("status", "prod").ok().out());

      for (String[] q :
          List.of(
              new String[] {"outlet", "daily"},
              new String[] {"outlet", "--sql", "SELECT * FROM daily WHERE id = 1;"},
              new String[] {"pond", "regions", "--version", "1"},
              new String[] {
                "outlet", "--sql", "SELECT count(*) AS n, sum(revenue) AS r FROM outlet.daily"
              },
              new String[] {"outlet", "--sql", "SELECT range AS i FROM range(1500)"})) {
        TestCatchment.Result local = c.cli(concat("query", "dev", q));
        TestCatchment.Result remote = c.cli(concat("query", "prod", q));
        assertEquals(local, remote, String.join(" ", q));
      }
      for (String[] bad :
          List.of(
              new String[] {"outlet", "--sql", "SELEC 1"},
              new String[] {"outlt", "daily"},
              new String[] {"outlet", "dayly"},
              new String[] {"outlet", "daily", "--version", "2"},
              new String[] {"outlet", "--sql", "SELECT * FROM read_csv('/etc/passwd')"})) {
        TestCatchment.Result local = c.cli(concat("query", "dev", bad));
        TestCatchment.Result remote = c.cli(concat("query", "prod", bad));
        assertEquals(1, remote.code(), remote.toString());
        if (!String.join(" ", bad).contains("read_csv")) {
          assertEquals(local, remote, String.join(" ", bad));
        } else {
          assertTrue(remote.err().contains("Permission Error"), remote.err()); // local is trusted
        }
      }

      c.cli("get", "dev", "outlet", "daily", "--path", "local").ok();
      String got = c.cli("get", "prod", "outlet", "daily", "--path", "remote").ok().out();
      assertEquals("copied 1 file(s) of outlet.daily to ./remote\n", got);
      assertEquals(
          -1L,
          Files.mismatch(
              c.cwd().resolve("local/daily.parquet"), c.cwd().resolve("remote/daily.parquet")));
      c.cli("get", "prod", "outlet", "report").ok();
      assertEquals(
          Files.readString(c.cwd().resolve("ponds/outlet/report/report.md")),
          Files.readString(
              c.layout()
                  .root()
                  .resolve("ponds/outlet/m1/data")
                  .resolve(
                      Files.readString(c.layout().root().resolve("ponds/outlet/m1/data/CURRENT"))
                          .strip())
                  .resolve("report/report.md")));
      assertEquals(
          c.cli("get", "dev", "outlet", "dayly").err(),
          c.cli("get", "prod", "outlet", "dayly").err());

      c.cli(
              "query",
              "dev",
              "outlet",
              "--sql",
              "SELECT day, revenue FROM daily ORDER BY day",
              "--csv",
              "l.csv",
              "--path",
              ".")
          .ok();
      c.cli(
              "query",
              "prod",
              "outlet",
              "--sql",
              "SELECT day, revenue FROM daily ORDER BY day",
              "--csv",
              "r.csv",
              "--path",
              ".")
          .ok();
      assertEquals(
          Files.readString(c.cwd().resolve("l.csv")), Files.readString(c.cwd().resolve("r.csv")));
      String json = c.cli("query", "prod", "outlet", "daily", "--json", "daily.json").ok().out();
      assertEquals("wrote 90 row(s) to ./ponds/outlet/daily/daily.json\n", json);
      String written = Files.readString(c.cwd().resolve("ponds/outlet/daily/daily.json"));
      assertTrue(
          written.contains("\"id\": 1,") && written.contains("\"day\": \"2026-01-01\""), written);
      TestCatchment.Result parquet =
          c.cli("query", "prod", "outlet", "daily", "--parquet", "x.parquet");
      assertEquals(1, parquet.code());
      assertTrue(parquet.err().contains("--parquet is not available over HTTP"), parquet.err());
    }
  }

  @Test
  void commandsThatWriteAreRefusedOverHttp() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deployDemos();
      String url = c.httpUrl();
      c.cli("catchment", "connect", "--name", "prod", "--path", url).ok();
      c.cd("outlet");
      for (String[] cmd :
          List.of(
              new String[] {"pulse", "prod", "outlet"},
              new String[] {"wave", "prod", "outlet"},
              new String[] {"tide", "prod", "outlet", "4h"},
              new String[] {"stop", "prod", "outlet"},
              new String[] {"deploy", "prod"})) {
        TestCatchment.Result r = c.cli(cmd);
        assertEquals(1, r.code(), String.join(" ", cmd) + ": " + r);
        assertTrue(
            r.err()
                .contains(
                    "catchment 'prod' is connected over HTTP (" + url + "), which is read-only"),
            r.err());
        assertTrue(
            r.err()
                .contains(
                    "mount its root and 'duckstring catchment connect --name prod --path /mounted/root' for write access"),
            r.err());
      }
      assertFalse(Files.exists(c.layout().signals("outlet").resolve("pulse")));
      assertFalse(Files.exists(c.layout().trigger(new LineId("outlet", 1))));
    }
  }

  @Test
  void anUnreachableViewIsAOneLineError() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.cli("catchment", "connect", "--name", "gone", "--path", "http://127.0.0.1:9").ok();
      TestCatchment.Result r = c.cli("status", "gone");
      assertEquals(1, r.code());
      assertTrue(
          r.err().startsWith("error: cannot reach catchment 'gone' at http://127.0.0.1:9: ")
              || r.err().contains("cannot reach catchment 'gone' at http://127.0.0.1:9"),
          r.err());
    }
  }

  /** The CLI's {@code daemon} field: the lease holder locally, only "alive" over HTTP. */
  private static String withoutDaemon(String json) {
    return json.replaceAll(",\\s*\"daemon\": \\{[^}]*\\}", "");
  }

  /** Ages ("3s ago", "12s") move between two runs of status; everything else must match. */
  private static String ages(String table) {
    return table
        .replaceAll("\\d+(\\.\\d+)?(ms|s|m|h|d)( \\d+(s|m|h))?", "<age>")
        .replaceAll(" +", " ");
  }

  private static String[] concat(String a, String b, String[] rest) {
    String[] out = new String[rest.length + 2];
    out[0] = a;
    out[1] = b;
    System.arraycopy(rest, 0, out, 2, rest.length);
    return out;
  }
}
