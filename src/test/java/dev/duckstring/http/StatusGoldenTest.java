package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.RootChanges;
import dev.duckstring.cli.Cli;
import dev.duckstring.cli.Env;
import dev.duckstring.runner.QueryOptions;
import dev.duckstring.runner.QueryService;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins {@code status} and {@code runs} (JSON and table), {@code /api/status}, {@code
 * /api/ponds/{p}} and {@code /api/runs} for a fixed, hand-built root (golden/status-root: lines
 * idle, failed, blocked, running and queued, one idle and one without a status yet) at a fixed
 * clock, so a refactor of the status model cannot change a byte of them. Run with {@code
 * -Dgolden.update=true} to rewrite the golden files after an intended change.
 */
class StatusGoldenTest {
  private static final Path FIXTURE = Path.of("src/test/resources/golden/status-root");
  private static final Path GOLDEN = Path.of("src/test/resources/golden/status");
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-04-01T10:00:00Z"), ZoneOffset.UTC);

  @TempDir Path tmp;
  private Path root;
  private Path home;

  @BeforeEach
  void copyTheRoot() throws IOException {
    root = tmp.resolve("dev");
    try (Stream<Path> files = Files.walk(FIXTURE)) {
      for (Path p : files.sorted().toList()) {
        Path to = root.resolve(FIXTURE.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    home = Files.createDirectories(tmp.resolve("home"));
    Files.createDirectories(home.resolve(".duckstring"));
    Files.writeString(
        home.resolve(".duckstring/config.toml"), "[catchments.dev]\npath = \"" + root + "\"\n");
  }

  @Test
  void statusJsonOfEveryLine() throws IOException {
    check("status-all.json", cli("status", "dev", "--all", "--json"));
  }

  @Test
  void statusJsonOfActiveLines() throws IOException {
    check("status-active.json", cli("status", "dev", "--json"));
  }

  @Test
  void statusTableOfEveryLine() throws IOException {
    check("status-all.txt", cli("status", "dev", "--all"));
  }

  @Test
  void apiStatus() throws IOException {
    check("api-status.json", get("/api/status"));
  }

  @Test
  void apiPondsOfEachPond() throws IOException {
    for (String pond : List.of("inlet", "pond", "outlet", "report", "fresh", "later")) {
      check("api-pond-" + pond + ".json", get("/api/ponds/" + pond));
    }
  }

  @Test
  void runRecordsAsJson() throws IOException {
    check("api-runs.json", get("/api/runs"));
    check("runs.json", cli("runs", "dev", "--json"));
    check("runs.txt", cli("runs", "dev"));
  }

  private String cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      Env env =
          new Env(
              home,
              tmp,
              new BufferedReader(new StringReader("")),
              o,
              e,
              false,
              CLOCK,
              new CountDownLatch(1));
      code = Cli.run(args, env);
    }
    // The root shows a failed and a blocked line: status exits 1 (docs/decisions.md §39).
    int expected = args[0].equals("status") ? 1 : 0;
    assertEquals(expected, code, () -> err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  private String get(String path) {
    Router router =
        new Router(
            new CatchmentLayout(root),
            "dev",
            CLOCK,
            new QueryService(QueryOptions.lockedDown(Duration.ofSeconds(5))),
            new StatusPolls(new RootChanges("golden"), Duration.ZERO));
    Reply reply = router.handle(Request.get(path, Map.of()));
    assertEquals(200, reply.status(), reply::text);
    return reply.text();
  }

  private static void check(String name, String actual) throws IOException {
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual);
    }
    assertEquals(Files.readString(golden), actual, name);
  }
}
