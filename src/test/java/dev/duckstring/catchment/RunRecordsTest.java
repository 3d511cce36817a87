package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.TestResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordsTest {
  @TempDir Path root;

  private static RunRecord run(LineId line, Instant f) {
    return new RunRecord(
        RunRecords.runId(f),
        line.toString(),
        "1.0.0",
        f,
        RunOutcome.SUCCESS,
        f,
        f.plusSeconds(1),
        null,
        true,
        null,
        List.of());
  }

  @Test
  void aRunIdIsWhatTheFormatterMakesForEveryInstant() {
    DateTimeFormatter formatter =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    List<Instant> instants =
        new ArrayList<>(
            List.of(
                Instant.EPOCH,
                Instant.parse("2026-11-25T10:00:00.123456789Z"),
                Instant.parse("2026-01-02T03:04:05.000001Z"),
                Instant.parse("0001-01-01T00:00:00Z"),
                Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                Instant.parse("0000-06-01T00:00:00Z"),
                Instant.parse("1969-12-31T23:59:59.999999Z")));
    Random rnd = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      instants.add(Instant.ofEpochSecond(rnd.nextInt() * 8L, rnd.nextInt(1_000_000_000)));
    }
    for (Instant f : instants) {
      assertEquals(formatter.format(f), RunRecords.runId(f), f.toString());
    }
    assertEquals("20261125T100000.123456Z", RunRecords.runId(instants.get(1)));
  }

  @Test
  void dataTestResultsRoundTripAndAnOldRecordReadsWithNone() throws Exception {
    RunRecords store = new RunRecords(new CatchmentLayout(root));
    LineId a = new LineId("a", 1);
    Instant f = Instant.parse("2026-11-25T10:00:00Z");
    List<String> nullRow = new ArrayList<>();
    nullRow.add(null);
    nullRow.add("2026-01-01");
    TestResult failed =
        new TestResult(
            "daily.not_null.id",
            DataTest.Severity.ERROR,
            "pond.toml:12:3",
            3,
            List.of("id", "day"),
            List.of(nullRow),
            7,
            null);
    TestResult warned =
        new TestResult(
            "big", DataTest.Severity.WARN, "tests/big.sql", 0, List.of(), List.of(), 2, "boom");
    store.write(a, run(a, f).withTests(List.of(failed, warned)));
    Path file = root.resolve("ponds/a/m1/runs/" + RunRecords.runId(f) + "/run.json");
    String json = Files.readString(file);
    assertTrue(json.contains("\"severity\": \"error\"") && json.contains("\"warn\""), json);
    assertEquals(List.of(failed, warned), store.read(a, RunRecords.runId(f)).tests());
    // A run.json written before decision 49 has no "tests": it reads as none.
    Files.writeString(file, json.substring(0, json.indexOf(",\n  \"tests\"")) + "\n}\n");
    assertEquals(List.of(), store.read(a, RunRecords.runId(f)).tests());
  }

  @Test
  void newestMergesLinesAndReadsOnlyWhatItReturns() {
    RunRecords store = new RunRecords(new CatchmentLayout(root));
    LineId a = new LineId("a", 1);
    LineId b = new LineId("b", 1);
    Instant t = Instant.parse("2026-11-25T10:00:00Z");
    for (int i = 0; i < 5; i++) {
      store.write(a, run(a, t.plusSeconds(10L * i)));
      store.write(b, run(b, t.plusSeconds(10L * i + 5)));
    }
    List<RunRecord> newest = store.newest(List.of(a, b), 3);
    assertEquals(
        List.of(t.plusSeconds(45), t.plusSeconds(40), t.plusSeconds(35)),
        newest.stream().map(RunRecord::f).toList());
    assertEquals(List.of("b@1", "a@1", "b@1"), newest.stream().map(RunRecord::line).toList());
    store.prune(a, 2);
    assertEquals(2, store.recent(a, 100).size());
    assertEquals(t.plusSeconds(40), store.recent(a, 100).get(0).f());
  }

  @Test
  void aRecordSetAsideKeepsItsLogsUnderTheNextFreeId() throws Exception {
    RunRecords store = new RunRecords(new CatchmentLayout(root));
    LineId a = new LineId("a", 1);
    Instant f = Instant.parse("2026-11-25T10:00:00Z");
    RunRecord first = run(a, f);
    String stem = first.id().substring(0, first.id().length() - 1);
    store.write(a, first);
    Files.writeString(store.log(a, first.id(), "r"), "first run's log\n");
    assertEquals(stem + "-001Z", store.setAside(a, first));
    store.write(a, run(a, f));
    assertEquals(stem + "-002Z", store.setAside(a, store.read(a, first.id())));
    store.write(a, run(a, f).withError("the newest"));
    assertEquals(stem + "-001Z", store.read(a, stem + "-001Z").id());
    assertEquals("first run's log\n", Files.readString(store.log(a, stem + "-001Z", "r")));
    List<RunRecord> recent = store.recent(a, 10);
    assertEquals(
        List.of(first.id(), stem + "-002Z", stem + "-001Z"),
        recent.stream().map(RunRecord::id).toList(),
        "the run that replaced them is the newest");
    assertEquals("the newest", recent.get(0).error());
  }

  @Test
  void sweepDeletesAKillsHalfWrittenRunJsonInTheRunsItCouldHaveBeenWriting() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    RunRecords store = new RunRecords(layout);
    LineId line = LineId.parse("p@1");
    Instant t0 = Instant.parse("2026-11-29T08:00:00Z");
    List<Path> temps = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Path run = layout.run(line, RunRecords.runId(t0.plusSeconds(i)));
      Files.createDirectories(run);
      Files.writeString(run.resolve("run.json"), "{}");
      temps.add(Files.writeString(run.resolve(".tmp-run.json.0a1b2c3d"), "{\"id\""));
    }
    store.sweep(line, null); // nothing in flight: only the newest run can have been written
    assertEquals(List.of(true, true, true, false), temps.stream().map(Files::exists).toList());
    store.sweep(line, t0.plusSeconds(1)); // in flight since t0+1s: it and every later run
    assertEquals(List.of(true, false, false, false), temps.stream().map(Files::exists).toList());
    assertTrue(Files.exists(layout.run(line, RunRecords.runId(t0)).resolve("run.json")));
    store.sweep(LineId.parse("never@1"), null); // a line with no runs: nothing to do
  }
}
