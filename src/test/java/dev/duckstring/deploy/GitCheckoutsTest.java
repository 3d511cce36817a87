package dev.duckstring.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.manifest.DeployRecord;
import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitCheckoutsTest {
  @TempDir Path tmp;
  private GitFixture fx;
  private CatchmentLayout layout;
  private GitCheckouts checkouts;

  @BeforeEach
  void setUp() throws Exception {
    fx = new GitFixture(tmp);
    layout = new CatchmentLayout(tmp.resolve("root"));
    checkouts = new GitCheckouts(layout);
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  private DeployRecord record(String url, String ref) {
    return new DeployRecord("git", null, url, ref, null, null);
  }

  private DeployRecord record(String ref) {
    return record(fx.remote.toString(), ref);
  }

  @Test
  void materializingATagWritesThatTagsFiles() throws Exception {
    Path dest = tmp.resolve("run1");

    Checkout c = checkouts.materialize(record("v1"), dest);

    assertEquals(fx.v1, c.commit());
    assertEquals(dest, c.dir());
    assertTrue(Files.readString(dest.resolve("pond.toml")).contains("version = \"1.0.0\""));
    assertEquals(
        List.of(".gitignore", "pond.toml", "run.sh", "src", "src/daily.sql"), Projects.tree(dest));
    assertTrue(Files.isExecutable(dest.resolve("run.sh")));
    String clone =
        new GitCache(layout.gitCache()).dir(fx.remote.toString()).getFileName().toString();
    assertEquals(List.of("." + clone + ".lock", clone), Projects.names(layout.gitCache()));
  }

  @Test
  void theContentHashMatchesWhatDeployRecorded() {
    Deployer deployer = new Deployer(layout, Clock.systemUTC());
    DeployResult r = deployer.deployGit(fx.work, "v2", false);
    String recorded = DeployRecord.read(r.dir().resolve("DEPLOY.toml")).contentHash();

    Checkout c =
        checkouts.materialize(
            DeployRecord.read(r.dir().resolve("DEPLOY.toml")), tmp.resolve("run"));

    assertEquals(recorded, c.contentHash());
    assertEquals(fx.v2, c.commit());
  }

  @Test
  void aBranchFollowsCommitsPushedToTheRemote() throws Exception {
    Checkout first = checkouts.materialize(record("main"), tmp.resolve("run1"));
    assertEquals(fx.v2, first.commit());

    Projects.write(fx.work.resolve("src/daily.sql"), "select 2 as x\n");
    String v3 = fx.commit("v3").name();
    fx.push();
    Checkout second = checkouts.materialize(record("main"), tmp.resolve("run2"));

    assertEquals(v3, second.commit());
    assertNotEquals(first.contentHash(), second.contentHash());
    assertEquals("select 2 as x\n", Files.readString(second.dir().resolve("src/daily.sql")));
    assertEquals("select 1 as x\n", Files.readString(first.dir().resolve("src/daily.sql")));
  }

  @Test
  void aFullOrAbbreviatedCommitIdResolves() {
    assertEquals(
        fx.v1, checkouts.materialize(record(fx.v1.substring(0, 7)), tmp.resolve("a")).commit());
    assertEquals(fx.v1, checkouts.materialize(record(fx.v1), tmp.resolve("b")).commit());
    assertEquals(
        fx.v2, checkouts.materialize(record("refs/heads/main"), tmp.resolve("c")).commit());
    assertEquals(fx.v1, checkouts.materialize(record("refs/tags/v1"), tmp.resolve("d")).commit());
  }

  @Test
  void aKnownFullCommitNeedsNoFetch() {
    checkouts.materialize(record("main"), tmp.resolve("first"));
    TreeFiles.deleteTree(fx.remote);

    assertEquals(fx.v1, checkouts.materialize(record(fx.v1), tmp.resolve("offline")).commit());
    DuckstringException e =
        assertThrows(
            DuckstringException.class,
            () -> checkouts.materialize(record("main"), tmp.resolve("x")));
    assertTrue(e.getMessage().startsWith("cannot fetch " + fx.remote + ": "), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("x")));
  }

  @Test
  void anUnknownRefFailsClearly() {
    Path dest = tmp.resolve("run");
    DuckstringException e =
        assertThrows(DuckstringException.class, () -> checkouts.materialize(record("nope"), dest));

    assertEquals(
        "git ref 'nope' not found at " + fx.remote + ": no branch, tag or commit of that name",
        e.getMessage());
    assertFalse(Files.exists(dest));
  }

  @Test
  void anUnreachableRemoteFailsClearlyAndCachesNothing() {
    String url = tmp.resolve("missing.git").toString();

    DuckstringException e =
        assertThrows(
            DuckstringException.class,
            () -> checkouts.materialize(record(url, "main"), tmp.resolve("r")));

    assertEquals("cannot fetch " + url + ": not found", e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
    assertTrue(Projects.names(layout.gitCache()).stream().allMatch(n -> n.startsWith(".")));
  }

  @Test
  void aNonEmptyDestinationIsRefused() {
    Path dest = tmp.resolve("busy");
    Projects.write(dest.resolve("x"), "x");

    DuckstringException e =
        assertThrows(DuckstringException.class, () -> checkouts.materialize(record("v1"), dest));
    assertEquals(dest + " is not empty; a checkout needs a fresh directory", e.getMessage());
  }

  @Test
  void aPathOriginHasNothingToFetch() {
    DuckstringException e =
        assertThrows(
            DuckstringException.class,
            () ->
                checkouts.materialize(
                    new DeployRecord("path", "/p", null, null, "h", null), tmp.resolve("r")));
    assertEquals(
        "DEPLOY.toml: error: origin \"path\" has no git_url and git_ref to fetch", e.getMessage());
  }
}
