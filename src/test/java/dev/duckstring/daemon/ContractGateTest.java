package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.SchemaContract;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract check uses the schema a worker read of a Ripple's output (once), and reads the
 * output itself when no worker did (issue 14: no DuckDB on the reactor's path before a publish).
 */
class ContractGateTest {
  @TempDir Path root;

  private static final LineId LINE = new LineId("p", 1);
  private static final PondVersion V1 = PondVersion.parse("1.0.0");

  private Path output(String sql) throws Exception {
    Path dir = root.resolve("work/run/t");
    Files.createDirectories(dir);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("COPY (" + sql + ") TO '" + dir.resolve("t.parquet") + "' (FORMAT parquet)");
    }
    return dir;
  }

  private EventLog log;
  private ContractGate gate;

  @BeforeEach
  void gate() {
    log = new EventLog(new CatchmentLayout(root));
    gate = new ContractGate(new CatchmentLayout(root), log);
  }

  @AfterEach
  void close() {
    log.close();
  }

  private static List<String> columns(ContractGate.Verdict v) {
    return v.next().table("t").columns().stream().map(c -> c.name() + " " + c.type()).toList();
  }

  @Test
  void aSchemaAWorkerReadIsUsedOnceThenTheOutputIsReadAgain() throws Exception {
    Path out = output("SELECT 1::BIGINT AS id");
    // What the worker read (here unlike the file, to tell which one the check used).
    gate.read(out, Map.of("t", Map.of("x", "VARCHAR")));
    assertEquals(List.of("x VARCHAR"), columns(gate.check(LINE, V1, Map.of("t", out))));
    assertEquals(List.of("id BIGINT"), columns(gate.check(LINE, V1, Map.of("t", out))));
  }

  @Test
  void aFailedReadOfALaterAttemptDropsTheEarlierAttemptsSchema() throws Exception {
    Path out = output("SELECT 'a' AS name");
    gate.read(out, Map.of("t", Map.of("old", "INTEGER")));
    gate.read(out, null); // the retry's output could not be read on the worker
    assertEquals(List.of("name VARCHAR"), columns(gate.check(LINE, V1, Map.of("t", out))));
  }

  @Test
  void anOutputWithoutATableStaysWithoutOneWhenReadAhead() throws Exception {
    Path out = root.resolve("work/run/report");
    Files.createDirectories(out);
    Files.writeString(out.resolve("report.md"), "# hi\n");
    gate.read(out, Map.of());
    SchemaContract next = gate.check(LINE, V1, Map.of("report", out)).next();
    assertEquals(List.of(), next.tables());
  }
}
