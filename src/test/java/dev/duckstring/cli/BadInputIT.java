package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.testing.Projects;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input gets a one-line error naming the file, key or argument, and changes nothing. */
class BadInputIT {
  @TempDir Path tmp;
  private TestCatchment c;

  @BeforeEach
  void deployTheDemos() throws Exception {
    c = new TestCatchment(tmp);
    c.start();
    c.deployDemos();
    c.cli("pulse", "dev", "outlet").ok();
    c.awaitRuns("outlet@1", 1);
  }

  @AfterEach
  void stop() throws Exception {
    c.close();
  }

  /** Runs a command that must fail with {@code code} and an error containing {@code message}. */
  private void fails(int code, String message, String... args) {
    String before = Projects.tree(c.root());
    TestCatchment.Result r = c.cli(args);
    assertEquals(code, r.code(), () -> String.join(" ", args) + " -> " + r);
    assertTrue(r.err().contains(message), () -> String.join(" ", args) + " -> " + r.err());
    assertEquals(1, r.err().strip().lines().filter(l -> !l.startsWith("usage:")).count(), r.err());
    assertEquals(
        before, Projects.tree(c.root()), "the root changed after: " + String.join(" ", args));
  }

  @Test
  void unknownNamesAreOneLineErrorsWithSuggestions() {
    fails(1, "unknown catchment 'dve' (did you mean 'dev'?)", "pulse", "dve", "outlet");
    fails(1, "unknown pond 'outlt' (did you mean 'outlet'?)", "pulse", "dev", "outlt");
    fails(
        1,
        "unknown ripple 'dialy' in outlet@1 (did you mean 'daily'?)",
        "get",
        "dev",
        "outlet",
        "dialy");
    fails(1, "no deployed major 3", "pulse", "dev", "outlet", "--version", "3");
    fails(1, "'1.2' is not a semantic version", "pulse", "dev", "outlet", "--version", "1.2");
    fails(2, "unknown command 'plse' (did you mean 'pulse'?)", "plse", "dev", "outlet");
    fails(2, "missing CATCHMENT POND", "pulse", "dev");
    fails(
        2,
        "'--verison' is not a recognized option (did you mean '--version'?)",
        "pulse",
        "dev",
        "outlet",
        "--verison",
        "1");
  }

  @Test
  void namesThatTryToLeaveTheRootAreRefused() {
    fails(1, "pond '../x' is not a valid name", "pulse", "dev", "../x");
    fails(1, "pond '/etc' is not a valid name", "get", "dev", "/etc", "daily");
    fails(1, "ripple '../../../etc' is not a plain name", "get", "dev", "outlet", "../../../etc");
    fails(1, "ripple 'a/b' is not a plain name", "get", "dev", "outlet", "a/b");
    fails(1, "catchment '../evil' is not a valid name", "catchment", "start", "--name", "../evil");
    fails(1, "pond '..' is not a valid name", "pond", "init", "..");
  }

  @Test
  void badManifestsAreRefusedWithFileLineAndColumn() throws Exception {
    Path p = c.cd("bad");
    Projects.write(
        p, "pond.toml", "[pond]\nname = \"bad\nversion = \"1.0.0\"\n", "src/a.sql", "SELECT 1");
    fails(1, "pond.toml:2:", "deploy", "dev");
    Projects.write(
        p, "pond.toml", "[pond]\nname = \"bad\"\nversion = \"1.0.0\"\ntpye = \"inlet\"\n");
    fails(
        1, "pond.toml:4:1: error: unknown key 'pond.tpye' (did you mean 'type'?)", "deploy", "dev");
    Projects.write(p, "pond.toml", "[pond]\nname = \"bad\"\nversion = \"one\"\n");
    fails(1, "pond.toml:3:1: error: 'pond.version' = \"one\" is not semver", "deploy", "dev");
  }

  @Test
  void cyclicSourcesAreRefused() throws Exception {
    Projects.write(
        c.cd("a"),
        "pond.toml",
        Projects.toml("a", "1.0.0", "b = \"1.0.0\""),
        "src/x.sql",
        "SELECT * FROM b.y");
    c.cli("deploy", "dev").ok();
    // The daemon notices a@1 and writes its state and status: wait, so only the refused deploy of
    // b could change the root below.
    Path a = c.root().resolve("ponds/a/m1");
    c.await(
        "a@1's state and status",
        () -> Files.exists(a.resolve("state.json")) && Files.exists(a.resolve("status.json")));
    Projects.write(
        c.cd("b"),
        "pond.toml",
        Projects.toml("b", "1.0.0", "a = \"1.0.0\""),
        "src/y.sql",
        "SELECT * FROM a.x");
    fails(1, "cycle", "deploy", "dev");
  }

  @Test
  void redeployingAVersionWithOtherContentNeedsForce() throws Exception {
    Path p = c.cd("inlet");
    // other content that still passes the demo's checks on orders (order_id, category)
    Files.writeString(p.resolve("src/orders.sql"), "SELECT 1 AS order_id, 'books' AS category");
    fails(1, "--force", "deploy", "dev");
    assertTrue(c.cli("deploy", "dev", "--force").ok().out().contains("replaced inlet 1.0.0"));
    c.cli("pulse", "dev", "inlet").ok();
    c.awaitRuns("inlet@1", 2);
    String n =
        c.cli("query", "dev", "inlet", "--sql", "SELECT count(*) AS n FROM orders").ok().out();
    assertTrue(n.contains("\n1"), "the daemon runs the replaced content: " + n);
  }

  @Test
  void garbageSignalsAreMovedAsideWithAReason() throws Exception {
    Path signals = c.layout().signals("outlet");
    // A body lands whole, as protocol.md asks: written under a dot-name, then renamed. (Written in
    // place, the daemon may claim the file before its body is there: an empty body.)
    Path staged = Files.writeString(signals.resolve(".pulse.from-cron"), "this is ] not toml");
    Files.move(staged, signals.resolve("pulse.from-cron"), StandardCopyOption.ATOMIC_MOVE);
    Files.writeString(signals.resolve("explode"), "");
    Path rejected = c.layout().rejectedSignals("outlet");
    c.await("both signals rejected", () -> Files.exists(rejected) && count(rejected) == 4);
    try (var s = Files.list(rejected)) {
      String reasons =
          String.join(
              "\n",
              s.filter(f -> f.toString().endsWith(".reason")).map(f -> read(f)).sorted().toList());
      assertTrue(
          reasons.contains(
              "unknown signal 'explode': the name must start with one of pulse, tap, demand, stop, force, refresh, repair, stop-upstream, kill, clear, wake, schema-reset"),
          reasons);
      assertTrue(reasons.contains("pulse.from-cron:1:"), reasons);
    }
    assertEquals(1, c.status("outlet@1").runsCompleted(), "garbage started nothing");
    assertFalse(Files.exists(signals.resolve("explode")));
  }

  private static long count(Path dir) {
    try (var s = Files.list(dir)) {
      return s.count();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String read(Path f) {
    try {
      return Files.readString(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
