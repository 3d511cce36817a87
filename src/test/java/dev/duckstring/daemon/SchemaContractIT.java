package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.catchment.SchemaContract;
import dev.duckstring.catchment.SchemaContracts;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema contract per major (issue 12, item 1; decision 44) on the real daemon: the first run
 * of a major captures it, a minor that drops a column fails before publishing and blocks its Sink,
 * one that adds a column grows it, a new major starts a new one, a garbled file refuses the line,
 * and {@code schema --reset} recaptures it.
 */
class SchemaContractIT {
  private static final LineId SHOP1 = new LineId("shop", 1);

  @TempDir Path tmp;

  /** Deploys shop at {@code version} whose Ripple daily is {@code sql}. */
  private static void deployShop(TestCatchment c, String version, String sql) throws Exception {
    Path p = c.cd("shop-" + version);
    Projects.write(p, "pond.toml", Projects.toml("shop", version), "src/daily.sql", sql);
    c.cli("deploy", "dev").ok();
  }

  private static final String V100 =
      "SELECT 1::BIGINT AS id, DATE '2026-01-01' AS day, 10.5::DOUBLE AS amount\n";
  private static final String V110 = "SELECT 2::BIGINT AS id, DATE '2026-01-02' AS day\n";
  private static final String V120 =
      "SELECT 'eu' AS region, 3::BIGINT AS id, DATE '2026-01-03' AS day, 7.5::DOUBLE AS amount\n";

  /** Pulses {@code line} and waits until a run newer than {@code after} ended. */
  private static LineStatus pulse(TestCatchment c, String line, String after, String... extra) {
    String[] args = new String[3 + extra.length];
    args[0] = "pulse";
    args[1] = "dev";
    args[2] = line.substring(0, line.indexOf('@'));
    System.arraycopy(extra, 0, args, 3, extra.length);
    c.cli(args).ok();
    return ended(c, line, after);
  }

  private static LineStatus ended(TestCatchment c, String line, String after) {
    return c.awaitStatus(
        line,
        s ->
            s.lastRun() != null
                && !s.lastRun().id().equals(after)
                && s.lastRun().outcome() != RunOutcome.RUNNING
                && s.runsInFlight() == 0);
  }

  private static SchemaContract contract(TestCatchment c, LineId line) {
    return new SchemaContracts(c.layout()).read(line).orElseThrow();
  }

  @Test
  void aMinorMayAddButNotDropAndANewMajorStartsAfresh() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deployShop(c, "1.0.0", V100);
      Path sink = c.cd("report");
      Projects.write(
          sink,
          "pond.toml",
          Projects.toml("report", "1.0.0", "shop = \"1.0.0\""),
          "src/total.sql",
          "SELECT count(*) AS n FROM shop.daily\n");
      c.cli("deploy", "dev").ok();
      LineStatus first = pulse(c, "report@1", null);
      assertEquals(RunOutcome.SUCCESS, first.lastRun().outcome(), first.toString());
      SchemaContract captured = contract(c, SHOP1);
      assertEquals(
          List.of(
              new SchemaContract.Column("amount", "DOUBLE", "1.0.0"),
              new SchemaContract.Column("day", "DATE", "1.0.0"),
              new SchemaContract.Column("id", "BIGINT", "1.0.0")),
          captured.table("daily").columns());
      assertEquals(1, captured.tables().size(), "only Parquet tables: " + captured);

      // 1.1.0 drops amount: refused before publishing, 1.0.0's data stays, the Sink is blocked.
      deployShop(c, "1.1.0", V110);
      String shopRun = c.status("shop@1").lastRun().id();
      LineStatus refused = pulse(c, "shop@1", shopRun);
      assertEquals(RunOutcome.FAILED, refused.lastRun().outcome());
      assertEquals(LineState.FAILED, refused.state());
      assertTrue(refused.error().contains("daily.amount: dropped"), refused.error());
      assertEquals(1, refused.error().lines().count());
      assertEquals(List.of("daily.amount: dropped"), refused.contract().refused());
      RunRecord run = new RunRecords(c.layout()).read(SHOP1, refused.lastRun().id());
      assertEquals(List.of("daily.amount: dropped"), run.diff());
      assertEquals(captured, contract(c, SHOP1), "the contract is unchanged");
      String rows = c.cli("query", "dev", "shop", "daily").ok().out();
      assertTrue(rows.contains("amount") && rows.contains("10.5"), rows);
      String pulseErr = c.cli("pulse", "dev", "report").exits(1).err();
      assertTrue(
          pulseErr.contains("blocked by shop@1") && pulseErr.contains("daily.amount: dropped"),
          pulseErr);
      LineStatus blocked = c.awaitStatus("report@1", s -> s.state() == LineState.BLOCKED);
      assertEquals(List.of("shop@1"), blocked.blockedBy());
      String shown = c.cli("schema", "dev", "shop").ok().out();
      assertTrue(shown.contains("daily  amount  DOUBLE  1.0.0"), shown);
      assertTrue(shown.contains("was refused before publishing:\n  daily.amount: dropped"), shown);
      String json = c.cli("status", "dev", "shop", "--json").exits(1).out();
      assertTrue(json.contains("\"refused\": [\n") && json.contains("daily.amount: dropped"), json);

      // 1.2.0 keeps amount and adds region: published, and the contract grows.
      deployShop(c, "1.2.0", V120); // deploying clears the failure
      c.awaitStatus("shop@1", s -> s.state() != LineState.FAILED);
      LineStatus grown = pulse(c, "shop@1", refused.lastRun().id());
      assertEquals(RunOutcome.SUCCESS, grown.lastRun().outcome(), grown.toString());
      assertEquals(
          new SchemaContract.Column("region", "VARCHAR", "1.2.0"),
          contract(c, SHOP1).table("daily").columns().get(3));
      assertEquals(List.of(), grown.contract().refused());
      assertEquals(4, grown.contract().columns());
      shown = c.cli("schema", "dev", "shop", "--version", "1").ok().out();
      assertTrue(shown.contains("daily  region  VARCHAR  1.2.0"), shown);
      assertFalse(shown.contains("refused"), shown);
      String api =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(c.httpUrl() + "/api/ponds/shop")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      assertTrue(api.contains("\"since\":\"1.2.0\"") || api.contains("\"since\": \"1.2.0\""), api);

      // 2.0.0 drops amount: a new major, a new contract.
      deployShop(c, "2.0.0", V110);
      LineStatus two = pulse(c, "shop@2", null, "--version", "2");
      assertEquals(RunOutcome.SUCCESS, two.lastRun().outcome(), two.toString());
      assertEquals(
          null,
          contract(c, new LineId("shop", 2)).table("daily").columns().stream()
              .filter(col -> col.name().equals("amount"))
              .findFirst()
              .orElse(null));
      assertEquals(4, contract(c, SHOP1).columnCount(), "major 1's contract is its own");
    }
  }

  @Test
  void aGarbledContractRefusesTheLineAndResetRecapturesIt() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      deployShop(c, "1.0.0", V100);
      LineStatus first = pulse(c, "shop@1", null);
      assertEquals(RunOutcome.SUCCESS, first.lastRun().outcome(), first.toString());
      Path file = new SchemaContracts(c.layout()).file(SHOP1);
      String generation = c.status("shop@1").lastRun().id();
      Files.writeString(file, "{\"tables\": [garbage");
      LineStatus refused = pulse(c, "shop@1", first.lastRun().id());
      assertEquals(RunOutcome.FAILED, refused.lastRun().outcome());
      assertTrue(refused.error().contains(file.toString()), refused.error());
      assertTrue(refused.error().contains("--reset"), refused.error());
      assertEquals(1, refused.error().lines().count());
      assertNotEquals(null, refused.contract().error(), refused.toString());
      assertEquals(
          generation,
          c.layout().current(SHOP1).toFile().exists()
              ? Files.readString(c.layout().current(SHOP1)).strip()
              : null,
          "the data is kept");
      TestCatchment.Result shown = c.cli("schema", "dev", "shop");
      assertNotEquals(0, shown.code());
      assertTrue(shown.err().contains(file.toString()), shown.err());

      c.cli("clear", "dev", "shop").ok();
      c.awaitStatus("shop@1", s -> s.state() != LineState.FAILED);
      TestCatchment.Result reset = c.cli("schema", "dev", "shop", "--reset").ok();
      assertTrue(reset.out().contains("signals/schema-reset"), reset.out());
      c.await("contract deleted", () -> !Files.exists(file));
      c.await("schema_reset journaled", () -> c.eventsTail().contains("\"schema_reset\""));
      LineStatus again = pulse(c, "shop@1", refused.lastRun().id());
      assertEquals(RunOutcome.SUCCESS, again.lastRun().outcome(), again.toString());
      assertEquals(3, contract(c, SHOP1).columnCount());
      c.cli("schema", "dev", "shop", "--reset", "--json").exits(2);
      c.cli("schema", "dev", "nosuch").exits(1);
    }
  }
}
