package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.PondType;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.SourcePin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code pond run} over puddles: order, outputs, self-read, failure and an interrupted run. */
class LocalRunTest {
  private static final Instant F = Instant.parse("2026-03-01T00:00:00Z");

  @TempDir Path dir;

  private PondManifest project(String total) throws Exception {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/total.sql"), total);
    Files.writeString(
        dir.resolve("src/base.sql"), "SELECT CAST(sum(x) AS BIGINT) AS n FROM inlet.t");
    return new PondManifest(
        "acc",
        PondVersion.parse("1.0.0"),
        PondType.POND,
        List.of(new SourcePin("inlet", PondVersion.parse("1.0.0"), false)),
        List.of(RippleSpec.discovered("total"), RippleSpec.discovered("base")));
  }

  private long n(String ripple) throws Exception {
    return Long.parseLong(
        TestDuck.rows(
                "SELECT n FROM read_parquet('"
                    + dir.resolve("puddles/out/" + ripple + "/" + ripple + ".parquet")
                    + "')")
            .get(0)
            .get(0));
  }

  @Test
  void runsParentsFirstAndReadsItsOwnPreviousOutput() throws Exception {
    TestDuck.parquet(dir.resolve("puddles/inlet/t.parquet"), "SELECT range AS x FROM range(5)");
    TestDuck.parquet(dir.resolve("puddles/acc/total.parquet"), "SELECT 100 AS n");
    LocalRun run = new LocalRun(dir, project("SELECT t.n + b.n AS n FROM total t, base b"));
    List<String> seen = new ArrayList<>();
    List<LocalRun.Ran> ran = run.run(null, F, run.sources(seen::add), r -> {});
    assertEquals(List.of("base", "total"), ran.stream().map(LocalRun.Ran::ripple).toList());
    assertEquals(List.of(), seen);
    assertEquals(110, n("total"), "the hydrated copy of its own data, plus base (10)");
    run.run("total", F, run.sources(seen::add), r -> {});
    assertEquals(120, n("total"), "then its output of the last local run");
    try (var s = Files.list(dir.resolve("puddles/out"))) {
      assertEquals(
          List.of("base", "total"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void aFailureKeepsThePreviousOutputAndAnInterruptedRunIsRecovered() throws Exception {
    TestDuck.parquet(dir.resolve("puddles/inlet/t.parquet"), "SELECT range AS x FROM range(5)");
    TestDuck.parquet(dir.resolve("puddles/out/total/total.parquet"), "SELECT 7 AS n");
    LocalRun bad = new LocalRun(dir, project("SELECT nope FROM total, base"));
    LocalRun.Failed e =
        assertThrows(LocalRun.Failed.class, () -> bad.run(null, F, bad.sources(s -> {}), r -> {}));
    assertEquals("total", e.ripple());
    assertEquals(List.of("base"), e.ran().stream().map(LocalRun.Ran::ripple).toList());
    assertTrue(e.getMessage().startsWith("ripple 'total' failed: Binder Error: "), e.getMessage());
    assertEquals(7, n("total"), "the previous output stays");

    // A run killed while total ran left its previous output aside and a partial output.
    Path out = dir.resolve("puddles/out");
    Files.move(out.resolve("total"), out.resolve(".tmp-total-previous.abcd1234"));
    Files.createDirectories(out.resolve(".tmp-total.ffff0000"));
    LocalRun good = new LocalRun(dir, project("SELECT n + 1 AS n FROM total"));
    good.run("total", F, good.sources(s -> {}), r -> {});
    assertEquals(8, n("total"));
    try (var s = Files.list(out)) {
      assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".tmp-")));
    }
  }

  @Test
  void aRequiredSourceWithoutPuddleIsOneLine() throws Exception {
    LocalRun run = new LocalRun(dir, project("SELECT 1 AS n"));
    DuckstringException e = assertThrows(DuckstringException.class, () -> run.sources(s -> {}));
    assertEquals(
        "no puddles for source 'inlet': run duckstring pond hydrate <catchment>", e.getMessage());
    assertFalse(Files.exists(dir.resolve("puddles")));
  }
}
