package dev.duckstring.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.deploy.DeployResult.Outcome;
import dev.duckstring.manifest.DeployRecord;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitDeployTest {
  @TempDir Path tmp;
  private GitFixture fx;
  private CatchmentLayout layout;
  private Deployer deployer;

  @BeforeEach
  void setUp() throws Exception {
    fx = new GitFixture(tmp);
    layout = new CatchmentLayout(tmp.resolve("root"));
    deployer =
        new Deployer(layout, Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    fx.close();
  }

  @Test
  void deployingEachTagInstallsBothVersions() throws Exception {
    DeployResult r1 = deployer.deployGit(fx.work, "v1", false);
    DeployResult r2 = deployer.deployGit(fx.work, "v2", false);

    assertEquals(Outcome.INSTALLED, r1.outcome());
    assertEquals(PondVersion.parse("1.0.0"), r1.version());
    assertEquals(fx.v1, r1.commit());
    assertEquals("deployed sales 1.0.0 (git v1 @ " + fx.v1.substring(0, 8) + ")", r1.message());
    assertEquals(PondVersion.parse("1.1.0"), r2.version());
    assertEquals(
        List.of(PondVersion.parse("1.0.0"), PondVersion.parse("1.1.0")),
        new Deployments(layout).versions("sales"));

    assertEquals(
        List.of(".gitignore", "DEPLOY.toml", "pond.toml", "run.sh", "src", "src/daily.sql"),
        Projects.tree(r1.dir()));
    assertTrue(Files.readString(r1.dir().resolve("pond.toml")).contains("version = \"1.0.0\""));
    assertTrue(Files.isExecutable(r1.dir().resolve("run.sh")));
    DeployRecord rec = DeployRecord.read(r1.dir().resolve("DEPLOY.toml"));
    assertEquals(
        new DeployRecord(
            "git", null, fx.remote.toString(), "v1", rec.contentHash(), "2026-03-01T12:00:00Z"),
        rec);
  }

  @Test
  void redeployingTheSameRefIsANoOpAndAnotherRefForTheSameVersionNeedsForce() throws Exception {
    deployer.deployGit(fx.work, "v2", false);

    assertEquals(Outcome.UNCHANGED, deployer.deployGit(fx.work, "v2", false).outcome());
    DuckstringException e =
        assertThrows(DuckstringException.class, () -> deployer.deployGit(fx.work, "main", false));
    assertTrue(e.getMessage().startsWith("sales 1.1.0 is already deployed with different content"));
    assertEquals(Outcome.REPLACED, deployer.deployGit(fx.work, "main", true).outcome());
    assertEquals(
        "main",
        DeployRecord.read(layout.deployRecord("sales", PondVersion.parse("1.1.0"))).gitRef());
  }

  @Test
  void aCommittedPuddlesDirIsNeitherDeployedNorHashed() throws Exception {
    DeployResult before = deployer.deployGit(fx.work, "main", false);
    String hash = DeployRecord.read(before.dir().resolve("DEPLOY.toml")).contentHash();
    Projects.write(
        fx.work.resolve("puddles/inlet/orders.parquet"), "hydrated, committed by mistake");
    Projects.write(fx.work.resolve("puddles/out/daily/daily.parquet"), "a local run");
    fx.commit("puddles");
    fx.push();

    DeployResult main = deployer.deployGit(fx.work, "main", false);
    assertEquals(Outcome.UNCHANGED, main.outcome(), "puddles/ is not hashed");
    assertFalse(Files.exists(main.dir().resolve("puddles")));
    assertEquals(hash, DeployRecord.read(main.dir().resolve("DEPLOY.toml")).contentHash());
    Path fresh = tmp.resolve("fresh");
    Git.cloneRepository().setURI(fx.remote.toString()).setDirectory(fresh.toFile()).call().close();
    assertTrue(Files.isRegularFile(fresh.resolve("puddles/inlet/orders.parquet")), "committed");
  }

  @Test
  void theManifestComesFromTheRefNotTheWorkTree() {
    Projects.pond(fx.work, "sales", "9.0.0"); // uncommitted

    assertEquals(PondVersion.parse("1.1.0"), deployer.deployGit(fx.work, "main", false).version());
  }

  @Test
  void anUnknownRefFailsClearlyAndInstallsNothing() {
    DuckstringException e =
        assertThrows(DuckstringException.class, () -> deployer.deployGit(fx.work, "v3", false));

    assertEquals(
        "git ref 'v3' not found at "
            + fx.remote
            + ": no branch, tag or commit of that name (did you mean 'v1'?)",
        e.getMessage());
    assertFalse(Files.exists(layout.ponds()));
  }

  @Test
  void aCommitOnlyInTheLocalRepositoryIsNotDeployable() throws Exception {
    Projects.write(fx.work.resolve("src/daily.sql"), "select 3 as x\n");
    String local = fx.commit("unpushed").name();

    DuckstringException e =
        assertThrows(DuckstringException.class, () -> deployer.deployGit(fx.work, local, false));
    assertTrue(e.getMessage().startsWith("git ref '" + local + "' not found at "), e.getMessage());
  }

  @Test
  void aProjectWithoutARemoteIsRefused() throws Exception {
    Path lone = tmp.resolve("lone");
    Git.init().setDirectory(lone.toFile()).call().close();
    Projects.pond(lone, "lone", "1.0.0");

    DuckstringException e =
        assertThrows(DuckstringException.class, () -> deployer.deployGit(lone, "main", false));
    assertEquals(
        lone + " has no git remote; add one with 'git remote add origin URL' and push",
        e.getMessage());
  }

  @Test
  void aProjectThatIsNotAGitWorkTreeIsRefused() {
    Path plain = Projects.pond(tmp.resolve("plain"), "plain", "1.0.0");

    DuckstringException e =
        assertThrows(DuckstringException.class, () -> deployer.deployGit(plain, "main", false));
    assertEquals(
        plain + " is not a git work tree; deploy it without --git, or commit and push it first",
        e.getMessage());
  }

  @Test
  void aSubdirectoryOfAWorkTreeIsRefused() {
    Path sub = Projects.pond(fx.work.resolve("sub"), "sub", "1.0.0");

    DuckstringException e =
        assertThrows(DuckstringException.class, () -> deployer.deployGit(sub, "main", false));
    assertTrue(
        e.getMessage()
            .endsWith("but not at its top; --git deploys need pond.toml at the repository root"),
        e.getMessage());
  }

  @Test
  void anInvalidManifestAtTheRefIsReportedWithItsRef() throws Exception {
    Projects.write(fx.work.resolve("pond.toml"), "[pond]\nname = \"sales\"\n");
    fx.commit("broken");
    fx.push();

    DuckstringException e =
        assertThrows(DuckstringException.class, () -> deployer.deployGit(fx.work, "main", false));
    assertTrue(e.getMessage().startsWith("pond.toml at git ref 'main' ("), e.getMessage());
    assertTrue(e.getMessage().contains("version"), e.getMessage());
    assertFalse(Files.exists(layout.ponds()));
  }

  @Test
  void theOnlyRemoteIsUsedWhenThereIsNoOriginAndARelativeUrlIsMadeAbsolute() throws Exception {
    fx.git.remoteRemove().setRemoteName("origin").call();
    fx.git.remoteAdd().setName("upstream").setUri(new URIish("../remote.git")).call();

    DeployResult r = deployer.deployGit(fx.work, "v1", false);

    assertEquals(fx.remote.toString(), DeployRecord.read(r.dir().resolve("DEPLOY.toml")).gitUrl());
  }
}
