package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.engine.EngineSnapshot;
import dev.duckstring.fs.Json;
import dev.duckstring.fs.Trees;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Published generations are immutable, read-only, made of regular files, and from deployed code.
 */
class GenerationsIT {
  @TempDir Path tmp;

  private static final LineId SOLO = new LineId("solo", 1);

  private static void deploySolo(TestCatchment c) throws Exception {
    Projects.write(
        c.cd("solo"),
        "pond.toml",
        Projects.toml("solo", "1.0.0")
            + "[ripples.note]\ncommand = [\"sh\", \"-c\", \"echo hi > $DUCKSTRING_OUT/n.txt\"]\n",
        "src/t.sql",
        "SELECT 42 AS answer");
    c.cli("deploy", "dev").ok();
    c.cd("work");
  }

  /** Deploys {@code solo} and publishes it once. */
  private static void publishSolo(TestCatchment c) throws Exception {
    deploySolo(c);
    c.cli("pulse", "dev", "solo").ok();
    c.awaitRuns("solo@1", 1);
  }

  /**
   * A run's end is tidied by the time its status shows the run: CURRENT and the two generations
   * before it stay, older ones and the staged outputs of earlier runs go.
   */
  @Test
  void runsThatEndedAreTidiedBeforeTheirStatusShowsThem() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deploySolo(c);
      for (int run = 1; run <= 5; run++) {
        c.cli("pulse", "dev", "solo").ok();
        c.awaitRuns("solo@1", run);
        List<String> generations = new ArrayList<>();
        try (var data = Files.list(c.layout().data(SOLO))) {
          data.filter(Files::isDirectory).forEach(d -> generations.add(d.getFileName().toString()));
        }
        Collections.sort(generations);
        assertEquals(Math.min(run, 3), generations.size(), "after run " + run + ": " + generations);
        String current = new Generations(c.layout()).currentName(SOLO).orElseThrow();
        assertEquals(current, generations.get(generations.size() - 1));
        try (var staged = Files.list(c.layout().work(SOLO))) {
          assertEquals(
              List.of(c.layout().work(SOLO).resolve(current)),
              staged.toList(),
              "only the newest run keeps its staged outputs (the next run may read them)");
        }
      }
    }
  }

  @Test
  void aRestartInThePublishWindowNeverTouchesTheCurrentGeneration() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      publishSolo(c);
      c.stop();

      // The crash: CURRENT names the run's generation, but state.json still has the run publishing.
      Path stateFile = c.layout().state(SOLO);
      EngineSnapshot.LineState s = Json.readFile(stateFile, EngineSnapshot.LineState.class);
      Json.writeFile(
          stateFile,
          s.withRuns(
              s.startF(),
              null,
              null,
              List.of(s.endF()),
              List.of(s.endF()),
              s.runsCompleted() - 1,
              s.code(),
              List.of(new EngineSnapshot.RunCode(s.endF(), s.code()))));
      Path gen = new Generations(c.layout()).current(SOLO).orElseThrow();
      Map<String, Object> before = identities(gen);

      AtomicBoolean reading = new AtomicBoolean(true);
      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      Thread reader =
          new Thread(
              () -> {
                while (reading.get()) {
                  try {
                    if (!"hi\n".equals(Files.readString(gen.resolve("note/n.txt")))
                        || Files.size(gen.resolve("t/t.parquet")) == 0) {
                      failures.add("content changed");
                    }
                  } catch (Exception e) {
                    failures.add(e.toString());
                  }
                }
              });
      reader.start();
      try {
        c.start();
        c.await("the interrupted run to publish again", () -> published(c) == 2, c::eventsTail);
        LineStatus done = c.awaitRuns("solo@1", 1);
        assertEquals(s.endF(), done.endF());
      } finally {
        reading.set(false);
        reader.join();
      }
      assertEquals(
          List.of(),
          failures.subList(0, Math.min(5, failures.size())),
          "a reader of the generation never failed");
      assertEquals(
          before, identities(gen), "the published generation is the same directory and files");
      String now = Files.readString(c.layout().current(SOLO)).strip();
      assertEquals(gen.getFileName() + "-1", now, "the re-publish got a fresh name");
      String q = c.cli("query", "dev", "solo", "--sql", "SELECT answer FROM t").ok().out();
      assertTrue(q.contains("42"), q);
    }
  }

  @Test
  void temporariesLeftByACrashAreSweptAtStart() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      publishSolo(c);
      c.stop();

      Path data = c.layout().data(SOLO);
      Path half = Files.createDirectories(data.resolve(".tmp-20260101T000000.000000Z.abcd1234/t"));
      Files.writeString(half.resolve("t.parquet"), "half");
      Files.setPosixFilePermissions(half, PosixFilePermissions.fromString("r-xr-xr-x"));
      List<Path> temps =
          List.of(
              data.resolve(".tmp-20260101T000000.000000Z.abcd1234"),
              Files.writeString(data.resolve(".tmp-CURRENT.abcd1234"), "x"),
              Files.writeString(c.layout().line(SOLO).resolve(".tmp-state.json.abcd1234"), "{"),
              Files.writeString(c.layout().line(SOLO).resolve(".tmp-status.json.abcd1234"), "{"));
      c.start();
      c.await("the temporaries to be swept", () -> temps.stream().noneMatch(Files::exists));
      assertTrue(new Generations(c.layout()).current(SOLO).isPresent(), "the generation stays");
    }
  }

  @Test
  void aCurrentNamingAMissingGenerationIsNoDataAndTheNextRunIsReal() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Projects.write(
          c.cd("src"),
          "pond.toml",
          Projects.toml("src", "1.0.0"),
          "src/t.sql",
          "SELECT 42 AS answer");
      c.cli("deploy", "dev").ok();
      Projects.write(
          c.cd("sink"),
          "pond.toml",
          Projects.toml("sink", "1.0.0", "src = \"1.0.0\""),
          "src/u.sql",
          "SELECT answer + 1 AS more FROM src.t");
      c.cli("deploy", "dev").ok();
      c.cd("work");
      c.cli("pulse", "dev", "sink").ok();
      c.awaitRuns("sink@1", 1);
      c.stop();

      LineId sink = new LineId("sink", 1);
      Trees.delete(new Generations(c.layout()).current(sink).orElseThrow());
      c.start();
      LineStatus lost = c.awaitStatus("sink@1", st -> st.endF() == null);
      assertNull(lost.changedF());
      c.await(
          "the problem to be journaled",
          () -> c.eventsTail().contains("\"daemon_error\"") && c.eventsTail().contains("sink@1"));
      TestCatchment.Result get = c.cli("get", "dev", "sink", "u", "--path", "out");
      assertNotEquals(0, get.code());
      assertTrue(get.err().contains("has not published anything yet"), get.err());

      c.cli("pulse", "dev", "sink").ok();
      LineStatus again = c.awaitStatus("sink@1", st -> st.endF() != null && st.runsInFlight() == 0);
      assertEquals(
          RunOutcome.SUCCESS, again.lastRun().outcome(), "a real run, not a no-change pass");
      String q = c.cli("query", "dev", "sink", "--sql", "SELECT more FROM u").ok().out();
      assertTrue(q.contains("43"), q);

      // A garbled CURRENT (not even UTF-8) names nothing either: the daemon starts, no data.
      c.stop();
      Files.write(c.layout().current(sink), new byte[] {(byte) 0xff, (byte) 0xfe, '\n'});
      c.start();
      c.awaitStatus("sink@1", st -> st.endF() == null);
      TestCatchment.Result garbled = c.cli("get", "dev", "sink", "u", "--path", "out2");
      assertTrue(garbled.err().contains("has not published anything yet"), garbled.err());
    }
  }

  @Test
  void aSymlinkInACommandRipplesOutputFailsThePublishAndIsNeverServed() throws Exception {
    Path secret = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(secret.resolve("secret.txt"), "TOPSECRET");
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Projects.write(
          c.cd("leak"),
          "pond.toml",
          Projects.toml("leak", "1.0.0")
              + "[ripples.r]\ncommand = [\"sh\", \"-c\", \"ln -s "
              + secret
              + " $DUCKSTRING_OUT/x; echo ok > $DUCKSTRING_OUT/a.txt\"]\n");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "leak").ok();
      LineStatus failed = c.awaitStatus("leak@1", st -> st.state() == LineState.FAILED);
      assertTrue(failed.error().contains("symlink 'x'"), failed.error());
      HttpResponse<byte[]> zip =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(c.httpUrl() + "/api/ponds/leak/ripples/r"))
                      .build(),
                  HttpResponse.BodyHandlers.ofByteArray());
      assertEquals(404, zip.statusCode());
      assertFalse(new String(zip.body(), StandardCharsets.ISO_8859_1).contains("TOPSECRET"));
      try (var files = Files.walk(c.layout().data(new LineId("leak", 1)))) {
        assertEquals(
            List.of(),
            files.filter(p -> p.getFileName().toString().equals("secret.txt")).toList(),
            "nothing from outside the root is published");
      }
    }
  }

  @Test
  void aSymlinkedVersionDirectoryIsRefused() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deploySolo(c);
      c.stop();
      Path version = c.layout().versions("solo").resolve("1.0.0");
      Path elsewhere = tmp.resolve("elsewhere");
      Files.move(version, elsewhere);
      Files.createSymbolicLink(version, elsewhere);
      c.start();
      LineStatus refused = c.awaitStatus("solo@1", st -> st.error() != null);
      assertTrue(refused.error().contains("symlink"), refused.error());
      assertNeverRuns(c);
    }
  }

  @Test
  void aVersionEditedAfterDeployIsRefusedAndNeverRuns() throws Exception {
    Path marker = tmp.resolve("ran");
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deploySolo(c);
      c.stop();
      Path version = c.layout().versions("solo").resolve("1.0.0");
      Files.writeString(version.resolve("src/t.sql"), "SELECT 43 AS answer");
      Files.writeString(version.resolve("evil.sh"), "touch " + marker + "\n");
      c.start();
      LineStatus refused = c.awaitStatus("solo@1", st -> st.error() != null);
      assertTrue(
          refused.error().contains(version + ": files changed after deploy"), refused.error());
      assertNeverRuns(c);
      assertFalse(Files.exists(marker));

      c.cd("solo");
      c.cli("deploy", "dev", "--force").ok(); // the repair: the deployed files again
      c.cd("work");
      assertFalse(Files.exists(version.resolve("evil.sh")));
      c.start();
      c.cli("pulse", "dev", "solo").ok();
      assertEquals(RunOutcome.SUCCESS, c.awaitRuns("solo@1", 1).lastRun().outcome());
    }
  }

  @Test
  void aVersionEditedWhileTheDaemonRunsNeverRuns() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deploySolo(c);
      c.cli("pulse", "dev", "solo").ok();
      assertEquals(RunOutcome.SUCCESS, c.awaitRuns("solo@1", 1).lastRun().outcome());
      Path version = c.layout().versions("solo").resolve("1.0.0");
      Files.writeString(
          version.resolve("src/t.sql"), "SELECT 43 AS answer"); // same size, same dir inode
      c.cli("pulse", "dev", "solo").ok();
      LineStatus refused = c.awaitStatus("solo@1", st -> st.error() != null);
      assertTrue(
          refused.error().contains(version + ": files changed after deploy"), refused.error());
      String q = c.cli("query", "dev", "solo", "--sql", "SELECT answer FROM t").ok().out();
      assertTrue(q.contains("42") && !q.contains("43"), q);
    }
  }

  private static void assertNeverRuns(TestCatchment c) throws Exception {
    Path signal = c.layout().signals("solo").resolve("pulse");
    Files.createDirectories(signal.getParent());
    Files.writeString(signal, "");
    c.await("the pulse to be taken", () -> !Files.exists(signal));
    c.stop();
    assertFalse(Files.exists(c.layout().runs(SOLO)), "nothing ran");
    assertFalse(Files.exists(c.layout().data(SOLO)), "nothing was published");
  }

  @Test
  void aSinksCommandRippleCannotWriteItsSourcesPublishedFiles() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Projects.write(
          c.cd("src"),
          "pond.toml",
          Projects.toml("src", "1.0.0"),
          "src/t.sql",
          "SELECT 42 AS answer");
      c.cli("deploy", "dev").ok();
      Projects.write(
          c.cd("sink"),
          "pond.toml",
          Projects.toml("sink", "1.0.0", "src = \"1.0.0\"")
              + "[ripples.w]\ncommand = [\"sh\", \"-c\", \"echo junk >> $DUCKSTRING_SOURCE_SRC/t/t.parquet"
              + " && echo ok > $DUCKSTRING_OUT/done.txt\"]\n");
      c.cli("deploy", "dev").ok();
      c.cd("work");
      c.cli("pulse", "dev", "src").ok();
      c.awaitRuns("src@1", 1);
      Path parquet =
          new Generations(c.layout())
              .current(new LineId("src", 1))
              .orElseThrow()
              .resolve("t/t.parquet");
      byte[] before = Files.readAllBytes(parquet);
      assertEquals(
          "r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(parquet)));
      assertEquals(
          "r-xr-xr-x",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(parquet.getParent())));
      assertEquals(
          "r-xr-xr-x",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(parquet.getParent().getParent())));

      c.cli("pulse", "dev", "sink").ok();
      LineStatus failed = c.awaitStatus("sink@1", st -> st.state() == LineState.FAILED);
      assertTrue(failed.error().contains("Permission denied"), failed.error());
      assertTrue(
          Arrays.equals(before, Files.readAllBytes(parquet)), "the Source's file is unchanged");
    }
  }

  private static long published(TestCatchment c) {
    try (var lines = Files.lines(c.layout().eventsLog())) {
      return lines.filter(l -> l.contains("\"run_published\"")).count();
    } catch (IOException e) {
      return 0;
    }
  }

  /**
   * Every entry under {@code dir} with its file key (inode), to tell a rewrite from the original.
   */
  private static Map<String, Object> identities(Path dir) throws Exception {
    Map<String, Object> out = new TreeMap<>();
    try (var s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        out.put(
            dir.relativize(p).toString(),
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
                .fileKey());
      }
    }
    return out;
  }
}
