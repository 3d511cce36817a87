package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.manifest.CatchmentConfig;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon parses a deployed version's SQL when it first sees the version, so the first Ripple
 * after a deploy finds the parse made (decision 57).
 */
class SqlPrepareTest {
  @TempDir Path dir;

  /** The demos deployed through a daemon, which is stopped again: the test plays the daemon. */
  private static void deployDemos(TestCatchment c) throws Exception {
    c.start();
    c.deployDemos();
    c.stop().ok();
  }

  private static Map<LineId, Deployed> deployed(TestCatchment c) {
    Map<LineId, String> problems = new HashMap<>();
    Map<LineId, Deployed> lines = new Deployments(c.layout()).lines(problems);
    assertEquals(Map.of(), problems);
    return lines;
  }

  private static List<String> sqlTexts(Deployed d) throws Exception {
    List<String> texts = new ArrayList<>();
    for (RippleSpec r : d.manifest().ripples()) {
      if (r.isSql()) {
        texts.add(Files.readString(d.dir().resolve(r.sql())));
      }
    }
    return texts;
  }

  @Test
  void aVersionIsAnnouncedOnceWhenItsFilesFirstCheckOut() throws Exception {
    try (TestCatchment c = new TestCatchment(dir)) {
      deployDemos(c);
      VersionCheck versions = new VersionCheck();
      List<Deployed> seen = new ArrayList<>();
      versions.whenVerified(seen::add);
      Deployed pond = deployed(c).get(new LineId("pond", 1));
      versions.verify(pond);
      versions.verify(pond);
      assertEquals(List.of(pond), seen);
      Files.writeString(pond.dir().resolve("src/sales.sql"), "SELECT 1 AS tampered");
      assertThrows(DuckstringException.class, () -> versions.verify(pond));
      assertEquals(List.of(pond), seen); // files that no longer check out are never announced
    }
  }

  @Test
  void theWorkersParseEachSeenVersionsSqlBeforeAnyRipple() throws Exception {
    try (TestCatchment c = new TestCatchment(dir)) {
      deployDemos(c);
      VersionCheck versions = new VersionCheck();
      try (RippleWorkers workers =
          new RippleWorkers(
              Executors.newFixedThreadPool(1),
              Clock.systemUTC(),
              m -> {},
              new SourceTrees(c.layout(), versions),
              CatchmentConfig.defaults("dev", 0))) {
        versions.whenVerified(workers::prepare);
        List<String> texts = new ArrayList<>();
        for (Deployed d : deployed(c).values()) {
          texts.addAll(sqlTexts(d));
          versions.verify(d);
        }
        assertEquals(5, texts.size()); // inlet 2, pond 2, outlet 1
        for (String t : texts) {
          c.await("the parse of " + t, () -> workers.sqlRunner().isParsed(t));
        }
        assertFalse(workers.sqlRunner().isParsed("SELECT 2 AS never_deployed"));
      }
    }
  }

  @Test
  void sqlThatDoesNotParseIsLeftToTheRippleToReport() throws Exception {
    try (TestCatchment c = new TestCatchment(dir)) {
      deployDemos(c);
      Deployed pond = deployed(c).get(new LineId("pond", 1));
      VersionCheck unused = new VersionCheck();
      try (RippleWorkers workers =
          new RippleWorkers(
              Executors.newFixedThreadPool(1),
              Clock.systemUTC(),
              m -> {},
              new SourceTrees(c.layout(), unused),
              CatchmentConfig.defaults("dev", 0))) {
        assertTrue(workers.sqlRunner().prepare("SELECT 1 AS x"));
        assertFalse(workers.sqlRunner().prepare("SELECT * FORM nowhere"));
        assertFalse(workers.sqlRunner().isParsed("SELECT * FORM nowhere"));
        SqlPrepare.parse(pond, workers.sqlRunner());
        for (String t : sqlTexts(pond)) {
          assertTrue(workers.sqlRunner().isParsed(t), t);
        }
      }
    }
  }
}
