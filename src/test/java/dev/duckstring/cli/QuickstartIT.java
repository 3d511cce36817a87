package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The product page's quickstart, verbatim, on a real root watched by a real daemon. */
class QuickstartIT {
  @TempDir Path tmp;

  @Test
  void theSeedQuickstartWorksEndToEnd() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start("--port", "5000");
      assertTrue(Files.isRegularFile(c.root().resolve("catchment.toml")));
      assertTrue(c.cli("catchment", "list").ok().out().contains("dev"));

      c.deployDemos();
      c.cd("work");
      TestCatchment.Result pulse = c.cli("pulse", "dev", "outlet").ok();
      assertTrue(pulse.out().contains("pulse sent to outlet@1"), pulse.out());

      LineStatus outlet = c.awaitRuns("outlet@1", 1);
      assertEquals(RunOutcome.SUCCESS, outlet.lastRun().outcome());
      LineStatus inlet = c.awaitRuns("inlet@1", 1);
      LineStatus pond = c.awaitRuns("pond@1", 1);
      assertNotNull(outlet.endF());
      assertEquals(inlet.endF(), outlet.endF(), "one pulse gives one freshness everywhere");
      assertEquals(pond.endF(), outlet.endF());

      String all = c.cli("status", "dev", "--all").ok().out();
      for (String line : List.of("inlet@1", "pond@1", "outlet@1")) {
        assertTrue(all.contains(line), all);
      }
      assertTrue(all.startsWith("POND"), all);
      String json = c.cli("status", "dev", "--all", "--json").ok().out();
      assertTrue(json.contains("\"line\": \"outlet@1\""), json);
      assertTrue(c.cli("status", "dev").ok().out().contains("nothing running"));

      c.cli("get", "dev", "outlet", "daily").ok();
      assertTrue(Files.isRegularFile(c.cwd().resolve("ponds/outlet/daily/daily.parquet")));
      c.cli("get", "dev", "outlet", "daily", "--path", "./daily_output").ok();
      assertTrue(Files.isRegularFile(c.cwd().resolve("daily_output/daily.parquet")));
      c.cli("get", "dev", "outlet", "report").ok();
      assertTrue(
          Files.readString(c.cwd().resolve("ponds/outlet/report/report.md"))
              .contains("daily.parquet"));

      String one =
          c.cli("query", "dev", "outlet", "--sql", "SELECT * FROM daily WHERE id=1;").ok().out();
      assertTrue(one.contains("2026-01-01"), one);
      assertEquals(2, one.strip().lines().count(), one);

      String ten = c.cli("query", "dev", "outlet", "daily").ok().out();
      assertEquals(11, ten.strip().lines().count(), ten);

      Files.writeString(
          c.cwd().resolve("query.sql"), "SELECT day, revenue FROM daily ORDER BY day");
      c.cli("query", "dev", "outlet", "--sql", "@query.sql", "--csv", "daily.csv", "--path", ".")
          .ok();
      List<String> csv = Files.readAllLines(c.cwd().resolve("daily.csv"));
      assertEquals("day,revenue", csv.get(0));
      assertEquals(91, csv.size());

      c.cli("query", "dev", "outlet", "daily", "--json", "daily.json").ok();
      assertTrue(
          Files.readString(c.cwd().resolve("ponds/outlet/daily/daily.json"))
              .contains("\"revenue\""));
      c.cli("query", "dev", "outlet", "daily", "--parquet", "copy.parquet").ok();
      assertTrue(Files.size(c.cwd().resolve("ponds/outlet/daily/copy.parquet")) > 0);
      c.cli("query", "dev", "outlet", "--sql", "SELECT count(*) AS n FROM daily", "--csv", "n.csv")
          .ok();
      assertEquals(List.of("n", "90"), Files.readAllLines(c.cwd().resolve("ponds/outlet/n.csv")));

      String runs = c.cli("runs", "dev", "outlet").ok().out();
      assertTrue(runs.contains("daily") && runs.contains("success"), runs);
    }
  }
}
