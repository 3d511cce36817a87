package dev.duckstring.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.deploy.DeployPlan.Change;
import dev.duckstring.deploy.DeployPlan.PinState;
import dev.duckstring.deploy.DeployPlan.SinkEffect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Deployer#plan} and {@link Deployer#planGit}: what the deploy would do to the line and to
 * its Sinks, with the deploy's own refusals, and never a file in the root (the git cache included).
 */
class DeployPlanTest {
  @TempDir Path tmp;
  private CatchmentLayout layout;
  private Deployer deployer;

  @BeforeEach
  void setUp() {
    layout = new CatchmentLayout(tmp.resolve("root"));
    deployer =
        new Deployer(layout, Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));
  }

  private Path project(String dir, String name, String version, String... sources) {
    return Projects.pond(tmp.resolve(dir), name, version, sources);
  }

  @Test
  void aGitPlanFetchesIntoATemporaryCloneNotTheRootsCache() throws Exception {
    GitFixture fx = new GitFixture(tmp);
    try {
      DeployPlan first = deployer.planGit(fx.work, "v1", false);
      assertEquals(Change.NEW_POND, first.change());
      assertEquals("git v1 @ " + fx.v1.substring(0, 8), first.origin());
      assertTrue(first.accepted());
      assertFalse(Files.exists(layout.root()), "a plan writes nothing, not even the git cache");

      deployer.deployGit(fx.work, "v2", false);
      List<String> before = Projects.tree(layout.root());
      assertEquals(Change.IDENTICAL, deployer.planGit(fx.work, "v2", false).change());
      DeployPlan other = deployer.planGit(fx.work, "main", false);
      assertEquals(Change.REDEPLOY, other.change());
      assertTrue(
          other.refusal().startsWith("sales 1.1.0 is already deployed with different content"),
          other.refusal());
      assertNull(deployer.planGit(fx.work, "main", true).refusal(), "--force would replace it");
      assertEquals(Change.BESIDE, deployer.planGit(fx.work, "v1", false).change());
      assertEquals(before, Projects.tree(layout.root()));
    } finally {
      fx.close();
    }
  }

  @Test
  void sinksMoveWithTheirMajorOnly() {
    deployer.deploy(project("s12", "sales", "1.2.0"), false);
    deployer.deploy(project("report", "report", "1.0.0", "sales = \"1.0.0\""), false);
    deployer.deploy(project("strict", "strict", "1.0.0", "sales = \"3.5.0\""), false);
    List<String> before = Projects.tree(layout.root());

    DeployPlan up = deployer.plan(project("s13", "sales", "1.3.0"), false);
    assertEquals(Change.UPGRADE, up.change());
    assertEquals("1.2.0", up.selected().text());
    assertEquals(
        List.of(SinkEffect.MOVES, SinkEffect.OTHER_MAJOR),
        up.sinks().stream().map(DeployPlan.Sink::effect).toList());

    DeployPlan lower = deployer.plan(project("s11", "sales", "1.1.0"), false);
    assertEquals(Change.BESIDE, lower.change());
    assertEquals(SinkEffect.STAYS, lower.sinks().get(0).effect());

    DeployPlan two = deployer.plan(project("s2", "sales", "2.0.0"), false);
    assertEquals(Change.NEW_LINE, two.change());
    assertEquals(List.of(1), two.majors());
    assertEquals(SinkEffect.OTHER_MAJOR, two.sinks().get(0).effect());

    DeployPlan three = deployer.plan(project("s3", "sales", "3.0.0"), false);
    assertEquals(SinkEffect.REFUSED, three.sinks().get(1).effect());
    assertTrue(
        three.refusal().contains("deployed Sink strict@1 (1.0.0) needs sales at least 3.5.0"));

    DeployPlan pins =
        deployer.plan(
            project("r2", "report", "1.1.0", "sales = \"1.3.0\"", "salse = \"1.0.0\""), false);
    assertEquals(
        List.of(PinState.BELOW_PIN, PinState.MISSING),
        pins.sources().stream().map(DeployPlan.Pin::state).toList());
    assertEquals("sales", pins.sources().get(1).closest());
    assertEquals(before, Projects.tree(layout.root()));
  }
}
