package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.fs.Json;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.TestCatchment;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON API, downloads, metrics and the security rules against a real daemon on a free port,
 * with the three demo Ponds deployed and pulsed once.
 */
class HttpApiIT {
  @TempDir static Path tmp;
  static TestCatchment c;
  static Http http;
  static Path secret;

  @BeforeAll
  static void demo() throws Exception {
    c = new TestCatchment(tmp);
    c.start();
    c.deployDemos();
    c.cli("pulse", "dev", "outlet").ok();
    for (String line : List.of("inlet@1", "pond@1", "outlet@1")) {
      c.awaitRuns(line, 1);
    }
    http = new Http(c.httpPort());
    secret = Files.writeString(tmp.resolve("secret.txt"), "TOP-SECRET-OUTSIDE-THE-ROOT\n");
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  @Test
  void statusMatchesTheGoldenFile() throws Exception {
    Http.Answer a = http.get("/api/status");
    assertEquals(200, a.status());
    assertEquals("application/json; charset=utf-8", a.header("content-type"));
    Path golden = Path.of("src/test/resources/golden/api-status.json");
    String actual = normalise(a.body(), c.root());
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(golden, actual);
    }
    assertEquals(Files.readString(golden), actual);
  }

  /**
   * Replaces what changes from run to run: instants, run ids, ages, the status version and the
   * root's path.
   */
  static String normalise(String json, Path root) {
    return json.replace(root.toString(), "<root>")
        .replaceAll("\"\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\"", "\"<instant>\"")
        .replaceAll("\\d{8}T\\d{6}\\.\\d{6}Z", "<run>")
        .replaceAll("\"(pulse|tap)\\.\\d{8}T\\d{9}Z-\\d+-\\w+\"", "\"$1.<signal>\"")
        .replaceAll("(\"stalenessSeconds\": )[\\d.]+", "$1<seconds>")
        .replaceAll("(\"version\": )\"[0-9a-z]+-\\d+\"", "$1\"<version>\"");
  }

  @Test
  void healthAnswersOk() throws Exception {
    Http.Answer a = http.get("/health");
    assertEquals(200, a.status());
    assertTrue(a.body().contains("\"status\": \"ok\""), a.body());
    assertTrue(a.body().contains("\"catchment\": \"dev\""), a.body());
  }

  @Test
  void aPondShowsItsLinesPublishedFilesAndRuns() throws Exception {
    Http.Answer a = http.get("/api/ponds/outlet");
    assertEquals(200, a.status());
    PondReply p = Json.read(a.body(), PondReply.class, "pond");
    assertEquals("outlet", p.pond());
    assertEquals(List.of("1.0.0"), p.versions());
    PondReply.Line line = p.lines().get(0);
    assertEquals("outlet@1", line.line());
    assertEquals("outlet", line.type());
    assertEquals(List.of("pond 1.0.0"), line.sources());
    assertEquals(LineState.IDLE, line.status().state());
    assertEquals(
        List.of("daily", "report"), line.ripples().stream().map(PondReply.Ripple::name).toList());
    assertEquals("daily.parquet", line.ripples().get(0).files().get(0).path());
    assertEquals(RunOutcome.SUCCESS, line.runs().get(0).state());
    assertEquals(404, http.get("/api/ponds/nope").status());
    assertTrue(http.get("/api/ponds/outlt").body().contains("did you mean 'outlet'"));
  }

  @Test
  void runsAreNewestFirstFilteredByPondAndLimited() throws Exception {
    RunsReply all = Json.read(http.get("/api/runs").body(), RunsReply.class, "runs");
    assertEquals(3, all.runs().size());
    assertEquals("outlet@1", all.runs().get(0).line(), "the outlet ran last");
    RunsReply one =
        Json.read(http.get("/api/runs?pond=pond&limit=5").body(), RunsReply.class, "runs");
    assertEquals(1, one.runs().size());
    assertEquals("pond@1", one.runs().get(0).line());
    assertEquals(
        List.of("regions", "sales"),
        one.runs().get(0).ripples().stream().map(r -> r.name()).sorted().toList());
    assertEquals(
        200_000L,
        one.runs().get(0).ripples().stream()
            .filter(r -> r.name().equals("sales"))
            .findFirst()
            .orElseThrow()
            .rows());
    RunsReply limited = Json.read(http.get("/api/runs?limit=1").body(), RunsReply.class, "runs");
    assertEquals(1, limited.runs().size());
    assertEquals(400, http.get("/api/runs?limit=0").status());
    assertEquals(400, http.get("/api/runs?limit=lots").status());
    assertEquals(404, http.get("/api/runs?pond=nope").status());
  }

  @Test
  void aRippleDownloadsAsAZipOfItsPublishedFiles() throws Exception {
    Http.Answer a = http.get("/api/ponds/outlet/ripples/daily");
    assertEquals(200, a.status());
    assertEquals("application/zip", a.header("content-type"));
    assertEquals("attachment; filename=\"outlet.daily.zip\"", a.header("content-disposition"));
    Map<String, byte[]> entries = unzip(a.bytes());
    assertEquals(Set.of("daily/daily.parquet"), entries.keySet());
    Path published =
        c.layout()
            .current(new LineId("outlet", 1))
            .resolveSibling(Files.readString(c.layout().current(new LineId("outlet", 1))).strip());
    assertTrue(
        Arrays.equals(
            Files.readAllBytes(published.resolve("daily/daily.parquet")),
            entries.get("daily/daily.parquet")));

    Http.Answer report = http.get("/api/ponds/outlet/ripples/report/report.md");
    assertEquals(200, report.status());
    assertTrue(report.body().startsWith("# Daily sales report"), report.body());
    assertEquals(200, http.get("/api/ponds/outlet/ripples/daily?version=1").status());
    assertEquals(200, http.get("/api/ponds/outlet/ripples/daily?version=1.0.0").status());
    assertEquals(404, http.get("/api/ponds/outlet/ripples/daily?version=2").status());
    Http.Answer unknown = http.get("/api/ponds/outlet/ripples/dayly");
    assertEquals(404, unknown.status());
    assertTrue(
        unknown
            .body()
            .contains(
                "unknown ripple 'dayly' in outlet@1 (did you mean 'daily'?); published: daily"),
        unknown.body());
  }

  static Map<String, byte[]> unzip(byte[] zip) throws Exception {
    Map<String, byte[]> out = new HashMap<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        out.put(e.getName(), z.readAllBytes());
      }
    }
    return out;
  }

  @Test
  void queriesAnswerJsonRowsWithALimit() throws Exception {
    Http.Answer a =
        http.get(
            "/api/query?pond=outlet&sql="
                + Http.enc("SELECT id, day FROM daily ORDER BY id")
                + "&limit=2&types=true");
    assertEquals(200, a.status(), a.body());
    QueryReply q = Json.read(a.body(), QueryReply.class, "query");
    assertEquals(List.of("id", "day"), q.columns());
    assertEquals(List.of("BIGINT", "DATE"), q.types());
    assertEquals(List.of(List.of("1", "2026-01-01"), List.of("2", "2026-01-02")), q.rows());
    assertTrue(q.truncated());
    QueryReply ripple =
        Json.read(http.get("/api/query?pond=pond&ripple=regions").body(), QueryReply.class, "q");
    assertEquals(5, ripple.rows().size());
    assertFalse(ripple.truncated());
    QueryReply qualified =
        Json.read(
            http.get(
                    "/api/query?pond=outlet&sql="
                        + Http.enc("SELECT count(*) AS n FROM outlet.daily"))
                .body(),
            QueryReply.class,
            "q");
    assertEquals(List.of(List.of("90")), qualified.rows());
  }

  @Test
  void sqlErrorsAre400WithDuckDbsMessageAndUnknownPondsAre404() throws Exception {
    Http.Answer bad = http.get("/api/query?pond=outlet&sql=" + Http.enc("SELEC 1"));
    assertEquals(400, bad.status());
    assertEquals(
        "{\n  \"error\": \"Parser Error: syntax error at or near \\\"SELEC\\\" at line 1, column 1\"\n}\n",
        bad.body());
    Http.Answer missing = http.get("/api/query?pond=outlet&sql=" + Http.enc("SELECT * FROM nope"));
    assertEquals(400, missing.status());
    assertTrue(
        missing.body().contains("Catalog Error: Table with name nope does not exist"),
        missing.body());
    Http.Answer pond = http.get("/api/query?pond=nope&sql=" + Http.enc("SELECT 1"));
    assertEquals(404, pond.status());
    assertTrue(pond.body().contains("unknown pond 'nope'"), pond.body());
    assertEquals(400, http.get("/api/query?pond=outlet").status());
    assertEquals(400, http.get("/api/query?sql=1").status());
    assertEquals(400, http.get("/api/query?pond=outlet&sql=1&limit=1000001").status());
  }

  @Test
  void hostileSqlFailsWithoutEffect() throws Exception {
    Path outside = tmp.resolve("copied.csv");
    Path inRoot = c.root().resolve("copied.csv");
    Path attached = c.root().resolve("attached.duckdb");
    Path otherPond = c.root().resolve("ponds/inlet/m1/data");
    Map<String, String> attacks = new LinkedHashMap<>();
    attacks.put("SELECT * FROM read_csv('/etc/passwd', sep=':')", "Permission Error");
    attacks.put("SELECT * FROM read_text('" + secret + "')", "Permission Error");
    attacks.put(
        "SELECT * FROM read_text('" + c.root().resolve("catchment.toml") + "')",
        "Permission Error");
    attacks.put(
        "SELECT * FROM read_blob('" + c.root().resolve("ponds/outlet/m1/state.json") + "')",
        "Permission Error");
    attacks.put("SELECT * FROM glob('" + otherPond + "/*/*/*')", "Permission Error");
    attacks.put("SELECT * FROM read_csv('https://example.com/x.csv')", "Permission Error");
    attacks.put("COPY (SELECT 1) TO '" + outside + "'", "only a single query");
    attacks.put("COPY (SELECT * FROM daily) TO '" + inRoot + "'", "only a single query");
    attacks.put("ATTACH '" + attached + "' AS x", "only a single query");
    attacks.put("INSTALL httpfs", "only a single query");
    attacks.put("LOAD httpfs", "only a single query");
    attacks.put("SET enable_external_access = true", "only a single query");
    attacks.put("SELECT 1; COPY (SELECT 1) TO '" + outside + "'", "only a single query");
    attacks.put("SELECT 1; SELECT 2", "expected one SQL statement");
    for (Map.Entry<String, String> e : attacks.entrySet()) {
      Http.Answer a = http.get("/api/query?pond=outlet&sql=" + Http.enc(e.getKey()));
      assertEquals(400, a.status(), e.getKey() + " -> " + a.body());
      assertTrue(a.body().contains(e.getValue()), e.getKey() + " -> " + a.body());
      assertFalse(a.body().contains("root:"), a.body());
      assertFalse(a.body().contains("TOP-SECRET"), a.body());
    }
    assertFalse(Files.exists(outside));
    assertFalse(Files.exists(inRoot));
    assertFalse(Files.exists(attached));
  }

  @Test
  void everyMethodButGetAndHeadIs405() throws Exception {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
      for (String path : List.of("/api/status", "/", "/api/ponds/outlet/ripples/daily", "/nope")) {
        Http.Answer a =
            http.send(method, path, HttpRequest.BodyPublishers.ofString("{\"pulse\": true}"));
        assertEquals(405, a.status(), method + " " + path);
        assertEquals("GET, HEAD", a.header("allow"));
        assertTrue(a.body().contains("read-only"), a.body());
      }
    }
    Http.Answer head = http.send("HEAD", "/api/status", HttpRequest.BodyPublishers.noBody());
    assertEquals(200, head.status());
    assertEquals(0, head.bytes().length);
    assertEquals(
        200,
        http.send("HEAD", "/api/ponds/outlet/ripples/daily", HttpRequest.BodyPublishers.noBody())
            .status());
    assertFalse(Files.exists(c.root().resolve("ponds/outlet/signals/pulse")));
  }

  @Test
  void hostilePathsNeverLeaveTheRoot() throws Exception {
    Path gen = published("outlet");
    List<Path> links =
        List.of(
            Files.createSymbolicLink(gen.resolve("daily/escape.txt"), secret),
            Files.createSymbolicLink(gen.resolve("daily/escdir"), tmp),
            Files.createSymbolicLink(gen.resolve("daily/toml"), c.root().resolve("catchment.toml")),
            Files.createSymbolicLink(gen.resolve("linked"), tmp));
    try {
      assertNoLeaks();
    } finally {
      for (Path link : links) {
        Files.delete(link);
      }
    }
  }

  private void assertNoLeaks() throws Exception {
    List<String> hostile =
        List.of(
            "/../../../../etc/passwd",
            "/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
            "/%252e%252e/%252e%252e/etc/passwd",
            "/api/ponds/outlet/ripples/daily/../../../../../../etc/passwd",
            "/api/ponds/outlet/ripples/daily/%2e%2e/%2e%2e/%2e%2e/catchment.toml",
            "/api/ponds/outlet/ripples/daily/..%2f..%2f..%2f..%2fcatchment.toml",
            "/api/ponds/outlet/ripples/daily/%252e%252e%252f%252e%252e%252fcatchment.toml",
            "/api/ponds/outlet/ripples/daily/..%5c..%5ccatchment.toml",
            "/api/ponds/outlet/ripples/daily//etc/passwd",
            "/api/ponds/outlet/ripples/daily/%2fetc%2fpasswd",
            "/api/ponds/..%2f..%2f..%2fetc/ripples/passwd",
            "/api/ponds/%2e%2e/ripples/outlet",
            "/api/ponds/outlet/ripples/..",
            "/api/ponds/outlet/ripples/daily/escape.txt",
            "/api/ponds/outlet/ripples/daily/escdir/secret.txt",
            "/api/ponds/outlet/ripples/daily/toml",
            "/api/ponds/outlet/ripples/linked",
            "/api/ponds/outlet/ripples/linked/secret.txt",
            "/api/ponds/outlet/ripples/daily/%00",
            "/api/ponds/outlet/ripples/daily/daily.parquet%00.txt",
            "/api/ponds/outlet/ripples/daily/.hidden",
            "/api/ponds/outlet/ripples/daily/C:%5cWindows%5cwin.ini",
            "/api/ponds/outlet/ripples/daily/%c0%ae%c0%ae/%c0%ae%c0%ae/catchment.toml",
            "/api/ponds/outlet/ripples/daily/..;/..;/catchment.toml",
            "/index.html/../../catchment.toml",
            "/dashboard.js/%2e%2e/%2e%2e/catchment.toml",
            "//etc/passwd",
            "/api/query?pond=..%2F..%2Fetc&sql=SELECT%201",
            "/api/runs?pond=..%2F..%2F..",
            "/api/ponds/outlet/ripples/daily?version=..%2F..%2F..",
            "/api/ponds/outlet/ripples/daily/%zz",
            "/catchment.toml",
            "/ponds/outlet/m1/status.json",
            "/events.log");
    assertTrue(hostile.size() >= 20);
    List<String> leaks = new ArrayList<>();
    String toml = Files.readString(c.root().resolve("catchment.toml"));
    for (String path : hostile) {
      Http.Answer a = http.raw("GET", path);
      boolean refused = a.status() == 400 || a.status() == 404 || a.status() == 0;
      String body = a.body();
      if (!refused
          || body.contains("root:")
          || body.contains("TOP-SECRET")
          || body.contains(toml.strip())
          || body.contains("PAR1")
          || body.contains("\"runsCompleted\"")) {
        leaks.add(path + " -> " + a.status() + " " + body);
      }
    }
    assertEquals(List.of(), leaks);
    assertEquals(
        200,
        http.get("/api/ponds/outlet/ripples/daily/daily.parquet").status(),
        "the real file still serves");
    Map<String, byte[]> zip = unzip(http.get("/api/ponds/outlet/ripples/daily").bytes());
    assertEquals(
        Set.of("daily/daily.parquet"),
        zip.keySet(),
        "links out of the Ripple are left out of the zip");
    assertEquals(404, http.get("/api/ponds/outlet/ripples/linked").status());
  }

  private static Path published(String pond) throws Exception {
    Path current = c.layout().current(new LineId(pond, 1));
    return current.resolveSibling(Files.readString(current).strip());
  }

  @Test
  void metricsParseAndCarryStalenessPerLine() throws Exception {
    Http.Answer a = http.get("/metrics");
    assertEquals(200, a.status());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", a.header("content-type"));
    Pattern sample =
        Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\]|\\\\.)*\",?)*\\})? (\\S+)");
    Set<String> typed = new HashSet<>();
    Map<String, Double> staleness = new HashMap<>();
    for (String line : a.body().split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] p = line.split(" ");
        assertTrue(Set.of("gauge", "counter", "summary").contains(p[3]), line);
        typed.add(p[2]);
        continue;
      }
      if (line.startsWith("# HELP ")) {
        continue;
      }
      Matcher m = sample.matcher(line);
      assertTrue(m.matches(), "not a Prometheus sample: " + line);
      String name = m.group(1);
      assertTrue(name.startsWith("duckstring_"), line);
      assertTrue(
          typed.contains(name) || typed.contains(name.replaceAll("_(sum|count)$", "")),
          "TYPE before " + line);
      double value =
          m.group(4).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(4));
      if (name.equals("duckstring_line_staleness_seconds")) {
        staleness.put(m.group(2), value);
      }
    }
    assertEquals(
        Set.of("{line=\"inlet@1\"}", "{line=\"pond@1\"}", "{line=\"outlet@1\"}"),
        staleness.keySet());
    staleness.values().forEach(v -> assertTrue(v >= 0 && v < 3600, "staleness " + v));
    for (String expected :
        List.of(
            "duckstring_runs_recorded{line=\"outlet@1\",state=\"success\"} 1",
            "duckstring_run_failures_recorded{line=\"outlet@1\"} 0",
            "duckstring_line_state{line=\"outlet@1\",state=\"idle\"} 1",
            "duckstring_recorded_run_duration_seconds_count{line=\"pond@1\"} 1",
            "duckstring_ripple_last_rows{line=\"pond@1\",ripple=\"sales\"} 200000")) {
      assertTrue(a.body().contains(expected + "\n"), expected + " in\n" + a.body());
    }
  }

  @Test
  void theDashboardIsServedFromTheJarWithNothingExternal() throws Exception {
    Http.Answer page = http.get("/");
    assertEquals(200, page.status());
    assertEquals("text/html; charset=utf-8", page.header("content-type"));
    assertTrue(page.header("content-security-policy").contains("default-src 'none'"));
    for (String asset : List.of("/", "/dashboard.css", "/dashboard.js", "/favicon.svg")) {
      String body = http.get(asset).body();
      assertFalse(
          Pattern.compile("(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}/")
              .matcher(body.replace("http://www.w3.org/2000/svg", ""))
              .find(),
          asset + " references another host");
      assertFalse(body.contains("@import") || body.contains("@font-face"), asset);
    }
    assertEquals(404, http.get("/nope.js").status());
  }

  @Test
  void statusReadsTheSameFilesAsTheCli() throws Exception {
    StatusReply s = Json.read(http.get("/api/status").body(), StatusReply.class, "status");
    for (LineStatus l : s.lines()) {
      assertEquals(c.status(l.line()), l);
    }
    assertNotNull(s.now());
  }
}
