package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.PondVersion;
import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import dev.duckstring.testing.TestCatchment.Result;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deprecation and "did you mean" on the real daemon (issue 12, items 4 and 5): {@code [pond]
 * deprecated} on the version a line runs shows in {@code status} (a note; {@code deprecated} in
 * {@code --json}), in the plan and on every deploy of a Sink pinned to that major, and stops
 * nothing; a Source one typo away from a deployed Pond is a warning, and the deploy goes through.
 */
class DeprecationIT {
  private static final String WHY = "use 2.x: daily moved to orders@2";

  @TempDir Path tmp;

  private static void orders(TestCatchment c, String dir, String version, String extra)
      throws Exception {
    Projects.write(
        c.cd(dir),
        "pond.toml",
        Projects.toml("orders", version).replace("[pond]\n", "[pond]\n" + extra),
        "src/daily.sql",
        "SELECT 1 AS id");
    c.cli("deploy", "dev").ok();
  }

  @Test
  void aDeprecatedMajorIsShownEverywhereAndStopsNothing() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      orders(c, "o1", "1.0.0", "");
      orders(c, "o11", "1.1.0", "deprecated = \"" + WHY + "\"\n");
      orders(c, "o2", "2.0.0", "");

      Projects.write(
          c.cd("report"),
          "pond.toml",
          Projects.toml("report", "1.0.0", "orders = \"1.0.0\""),
          "src/t.sql",
          "SELECT id FROM orders.daily");
      Result plan = c.cli("deploy", "dev", "--plan").ok();
      assertTrue(
          plan.out().contains("satisfied: orders@1 runs 1.1.0; deprecated: " + WHY), plan.out());
      Result deploy = c.cli("deploy", "dev").ok();
      assertEquals("warning: Source orders@1 (1.1.0) is deprecated: " + WHY + "\n", deploy.err());
      assertEquals("deployed report 1.0.0 (path) (catchment 'dev')\n", deploy.out());

      c.cli("pulse", "dev", "report").ok();
      c.awaitRuns("report@1", 1); // nothing stops: the Sink runs on the deprecated major
      c.awaitStatus("orders@1", s -> WHY.equals(s.deprecated()));
      assertEquals(null, c.status("orders@2").deprecated());
      Result status = c.cli("status", "dev", "--all").ok();
      assertTrue(
          status.out().contains("\nnote: orders@1 is deprecated: " + WHY + "\n"), status.out());
      assertFalse(status.out().contains("orders@2 is deprecated"), status.out());
      Result json = c.cli("status", "dev", "--all", "--json").ok();
      assertTrue(json.out().contains("\"deprecated\": \"" + WHY + "\""), json.out());
      HttpResponse<String> pond =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(c.httpUrl() + "/api/ponds/orders")).build(),
                  BodyHandlers.ofString());
      assertEquals(200, pond.statusCode());
      assertTrue(pond.body().contains("\"deprecated\": \"" + WHY + "\""), pond.body());

      // A Sink on the other major hears nothing.
      Projects.write(
          c.cd("report2"),
          "pond.toml",
          Projects.toml("report2", "1.0.0", "orders = \"2.0.0\""),
          "src/t.sql",
          "SELECT id FROM orders.daily");
      assertEquals("", c.cli("deploy", "dev").ok().err());
    }
  }

  @Test
  void aSourceThatLooksLikeATypoWarnsAndStillDeploys() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      orders(c, "o1", "1.0.0", "");
      Projects.write(
          c.cd("sink"),
          "pond.toml",
          Projects.toml("sink", "1.0.0", "ordrs = \"1.0.0\""),
          "src/t.sql",
          "SELECT id FROM ordrs.daily");
      Result plan = c.cli("deploy", "dev", "--plan").ok();
      assertTrue(
          plan.out()
              .contains(
                  "missing: ordrs is not deployed (did you mean 'orders'?); sink@1 waits (blocked)"
                      + " until it is"),
          plan.out());
      assertTrue(
          plan.out().contains("\n  t  not known ahead: no published data from ordrs@1; "),
          plan.out());
      Result r = c.cli("deploy", "dev").ok();
      assertEquals(
          "warning: Source 'ordrs' is not deployed (did you mean 'orders'?); this Pond waits for"
              + " it\n",
          r.err());
      assertTrue(Files.isDirectory(c.layout().version("sink", PondVersion.parse("1.0.0"))));

      // Sink-first with no Pond of a close name: no warning.
      Projects.write(
          c.cd("early"),
          "pond.toml",
          Projects.toml("early", "1.0.0", "upstream_feed = \"1.0.0\""),
          "src/t.sql",
          "SELECT * FROM upstream_feed.t");
      assertEquals("", c.cli("deploy", "dev").ok().err());
    }
  }
}
