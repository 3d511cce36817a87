package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.catchment.SchemaContract;
import dev.duckstring.catchment.SchemaContracts;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch's group commit goes to disk while the reactor goes on (decision 61): what the reactor
 * changes after a commit staged it is written by the next commit, never dropped when the earlier
 * one ends.
 */
class BatchCommitTest {
  @TempDir Path root;

  private static final LineId LINE = new LineId("p", 1);
  private static final Instant F = Instant.parse("2026-11-29T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(F, ZoneOffset.UTC);

  private CatchmentLayout layout;
  private EventLog log;
  private RunRecorder runs;
  private ContractGate contracts;
  private BatchCommit commit;

  private void open() {
    layout = new CatchmentLayout(root);
    log = new EventLog(layout);
    WriteTrouble trouble = new WriteTrouble(log, CLOCK);
    runs = new RunRecorder(new RunRecords(layout), trouble, e -> {}, line -> {});
    contracts = new ContractGate(layout, log);
    StateFiles states = new StateFiles(layout, Executors.newFixedThreadPool(2));
    commit = new BatchCommit(runs, contracts, states, trouble, CLOCK);
  }

  @AfterEach
  void close() throws Exception {
    if (commit != null) {
      commit.close();
      log.close();
    }
  }

  @Test
  void aRecordChangedAfterItWasStagedIsWrittenByTheNextCommit() throws Exception {
    open();
    {
      BatchCommit c = commit;
      runs.start(LINE, "1.0.0", F, F);
      runs.passed(LINE, F, F);
      List<Boolean> saved = new CopyOnWriteArrayList<>();
      c.start(Map.of(), saved::add); // the ended record goes to disk on the commit's thread
      runs.refused(LINE, F, List.of("table t: column x dropped")); // meanwhile, on the reactor
      c.start(Map.of(), saved::add); // ends the first commit, then stages the change
      c.settle();
      assertEquals(List.of(true, true), saved);
      String json = Files.readString(new RunRecords(layout).file(LINE, RunRecords.runId(F)));
      assertTrue(json.contains("column x dropped"), json);
    }
  }

  @Test
  void aContractPublishedAgainAfterItWasStagedIsWrittenByTheNextCommit() throws Exception {
    open();
    {
      BatchCommit c = commit;
      PondVersion v = PondVersion.parse("1.0.0");
      SchemaContract first =
          SchemaContract.empty(LINE.toString()).extend(Map.of("a", Map.of("x", "INTEGER")), v);
      SchemaContract second =
          first.extend(Map.of("a", Map.of("x", "INTEGER"), "b", Map.of("y", "VARCHAR")), v);
      contracts.published(LINE, new ContractGate.Verdict(first.owed(v), first, List.of()), F);
      c.start(Map.of(), ok -> {});
      contracts.published(LINE, new ContractGate.Verdict(first, second, List.of()), F);
      c.start(Map.of(), ok -> {});
      c.settle();
      SchemaContract onDisk = new SchemaContracts(layout).read(LINE).orElseThrow();
      assertEquals(List.of("a", "b"), onDisk.tables().stream().map(t -> t.name()).toList());
    }
  }

  @Test
  void aCommitReachesTheDiskOnItsOwnThreadAndSaysSo() throws Exception {
    open();
    {
      BatchCommit c = commit;
      List<String> threads = new CopyOnWriteArrayList<>();
      c.onCommitted(() -> threads.add(Thread.currentThread().getName()));
      runs.start(LINE, "1.0.0", F, F);
      runs.passed(LINE, F, F);
      c.start(Map.of(), ok -> {});
      assertTrue(c.inFlight());
      c.settle();
      assertFalse(c.inFlight());
      assertEquals(List.of("duckstring-commit"), threads);
      c.start(Map.of(), ok -> {}); // nothing changed: nothing to write, no commit
      assertFalse(c.inFlight());
    }
  }
}
