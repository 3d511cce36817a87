package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import dev.duckstring.testing.TestCatchment.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy --plan} on a root the real daemon published into (issue 12, item 4): the plan of a
 * new line, a minor bump, a pin that fails and a schema-breaking change, each byte for byte against
 * a golden file ({@code -Dgolden.update=true} rewrites them), each leaving every file of the root
 * as it was. Then the "did you mean" warning of a real deploy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeployPlanIT {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/plan");
  private static final String DAILY =
      "SELECT 1 AS id, DATE '2026-01-01' AS day, 2.5::DOUBLE AS amount";

  @TempDir static Path tmp;
  private TestCatchment c;

  /** orders 1.0.0 publishes daily(id, day, amount); report 1.0.0 pins orders 1.0.0 and reads it. */
  @BeforeAll
  void publish() throws Exception {
    c = new TestCatchment(tmp);
    c.start();
    Projects.write(
        c.cd("orders"), "pond.toml", Projects.toml("orders", "1.0.0"), "src/daily.sql", DAILY);
    c.cli("deploy", "dev").ok();
    Projects.write(
        c.cd("report"),
        "pond.toml",
        Projects.toml("report", "1.0.0", "orders = \"1.0.0\""),
        "src/totals.sql",
        "SELECT day, sum(amount) AS total FROM orders.daily GROUP BY day");
    c.cli("deploy", "dev").ok();
    c.cli("pulse", "dev", "report").ok();
    c.awaitRuns("report@1", 1);
    c.stop(); // nothing writes into the root while the plans run
  }

  @AfterAll
  void stop() {
    c.close();
  }

  @Test
  void aNewLine() throws IOException {
    Projects.write(
        c.cd("sales"),
        "pond.toml",
        Projects.toml("sales", "1.0.0", "orders = \"1.0.0\"", "prices = \"1.0.0?\""),
        "src/big.sql",
        "SELECT id, amount * 2 AS doubled FROM orders.daily");
    plan("new-line.txt", 0);
  }

  @Test
  void aMinorBumpThatAddsAColumn() throws IOException {
    Projects.write(
        c.cd("orders-bump"),
        "pond.toml",
        Projects.toml("orders", "1.1.0"),
        "src/daily.sql",
        DAILY + ", 'north' AS region");
    plan("minor-bump.txt", 0);
  }

  @Test
  void aPinThatFails() throws IOException {
    Projects.write(
        c.cd("report-pin"),
        "pond.toml",
        Projects.toml("report", "1.1.0", "orders = \"1.2.0\""),
        "src/totals.sql",
        "SELECT day, sum(amount) AS total FROM orders.daily GROUP BY day");
    plan("pin-fails.txt", 1);
  }

  @Test
  void aSchemaBreakingChange() throws IOException {
    Projects.write(
        c.cd("orders-break"),
        "pond.toml",
        Projects.toml("orders", "1.1.0"),
        "src/daily.sql",
        "SELECT 1 AS id, DATE '2026-01-01' AS day");
    plan("schema-break.txt", 0);
    String json = c.cli("deploy", "dev", "--plan", "--json").ok().out();
    assertTrue(json.contains("\"breaking\": [\n    \"daily.amount: dropped\"\n  ]"), json);
  }

  @Test
  void aMalformedPondTomlGivesTheDeploysOwnError() throws IOException {
    Projects.write(c.cd("broken"), "pond.toml", "[pond]\nname = \"broken\"\nversion = 1\n");
    String before = snapshot();
    Result deploy = c.cli("deploy", "dev");
    Result plan = c.cli("deploy", "dev", "--plan");
    assertEquals(deploy.code(), plan.code());
    assertFalse(deploy.code() == 0);
    assertEquals(deploy.err(), plan.err());
    assertEquals("", plan.out());
    assertEquals(before, snapshot());
  }

  @Test
  void jsonNeedsPlan() {
    Result r = c.cli("deploy", "dev", "--json");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--json needs --plan"), r.err());
  }

  /** Runs the plan in the current project; checks its exit, its golden text, the root unchanged. */
  private void plan(String golden, int exit) throws IOException {
    String before = snapshot();
    Result r = c.cli("deploy", "dev", "--plan").exits(exit);
    assertEquals("", r.err());
    assertEquals(before, snapshot(), "the plan changed the root");
    Path file = GOLDEN.resolve(golden);
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      Files.writeString(file, r.out());
    }
    assertEquals(Files.readString(file), r.out(), golden);
  }

  /** Every path under the root with the SHA-256 of each regular file and each link's target. */
  private String snapshot() {
    Path root = c.root();
    StringBuilder b = new StringBuilder();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted().toList()) {
        b.append(root.relativize(p));
        if (Files.isSymbolicLink(p)) {
          b.append(" -> ").append(Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          b.append(' ')
              .append(
                  HexFormat.of()
                      .formatHex(
                          MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
        }
        b.append('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return b.toString();
  }
}
