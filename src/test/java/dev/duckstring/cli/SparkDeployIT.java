package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import dev.duckstring.testing.TestCatchment.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A version with a Spark Ripple deploys only where catchment.toml has {@code [spark]} (decision
 * 55): refused in one line naming the Ripple and the fix, by {@code deploy} and {@code deploy
 * --plan} alike, with every file of the root as it was; accepted once {@code [spark]} is there.
 */
class SparkDeployIT {
  @TempDir Path tmp;
  private TestCatchment c;

  @BeforeEach
  void root() throws Exception {
    c = new TestCatchment(tmp);
    c.start();
    c.stop(); // the root and its registration exist; nothing writes into it during the test
    Projects.write(
        c.cd("inlet"),
        "pond.toml",
        Projects.toml("inlet", "1.2.0") + "[ripples.daily]\nengine = \"spark\"\n",
        "src/daily.sql",
        "SELECT 1 AS id",
        "src/local.sql",
        "SELECT 2 AS id");
  }

  @AfterEach
  void close() {
    c.close();
  }

  @Test
  void withoutSparkTheDeployAndItsPlanAreRefusedInOneLineAndNothingChanges() {
    Map<String, String> before = snapshot(c.root());
    String line =
        "cannot deploy inlet 1.2.0: ripple 'daily' runs on spark, but "
            + c.layout().config()
            + " has no [spark] section: add [spark] master = \"local[2]\""
            + " (or remote = \"sc://host:15002\") and restart the daemon";

    Result r = c.cli("deploy", "dev");
    assertNotEquals(0, r.code(), r.toString());
    assertEquals("duckstring deploy: " + line + "\n", r.err());
    assertEquals("", r.out());
    assertEquals(before, snapshot(c.root()));

    Result plan = c.cli("deploy", "dev", "--plan");
    assertEquals(1, plan.code(), plan.toString());
    assertTrue(plan.out().contains(line), plan.out());
    assertEquals(before, snapshot(c.root()));
  }

  @Test
  void aPondWideSparkEngineIsRefusedNamingEveryRipple() throws IOException {
    Projects.write(
        c.cwd(),
        "pond.toml",
        Projects.toml("inlet", "1.2.0").replace("[pond]\n", "[pond]\nengine = \"spark\"\n"));
    Map<String, String> before = snapshot(c.root());
    Result r = c.cli("deploy", "dev");
    assertNotEquals(0, r.code(), r.toString());
    assertTrue(
        r.err()
            .startsWith(
                "duckstring deploy: cannot deploy inlet 1.2.0: ripples 'daily', 'local' run on"),
        r.err());
    assertEquals(1, r.err().lines().count(), r.err());
    assertEquals(before, snapshot(c.root()));
  }

  @Test
  void withSparkTheDeployGoesThrough() throws IOException {
    Files.writeString(
        c.layout().config(),
        Files.readString(c.layout().config()) + "[spark]\nmaster = \"local[2]\"\n",
        StandardCharsets.UTF_8);
    Result plan = c.cli("deploy", "dev", "--plan").ok();
    // DuckDB does not describe Spark SQL: the plan says so rather than guess its schema
    assertTrue(
        plan.out().contains("Spark Ripple: not known ahead (checked when it runs)"), plan.out());
    assertTrue(plan.out().contains("new table: id INTEGER"), plan.out());
    c.cli("deploy", "dev").ok();
    assertTrue(Files.isDirectory(c.root().resolve("ponds/inlet/versions/1.2.0")));
  }

  /** Every path under {@code dir} with its content (a link's target, a directory's "/"). */
  private static Map<String, String> snapshot(Path dir) {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        String key = dir.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          out.put(key, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          out.put(key, "/");
        } else {
          out.put(key, Files.readString(p, StandardCharsets.ISO_8859_1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
