package dev.duckstring.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.deploy.DeployResult.Outcome;
import dev.duckstring.manifest.DeployRecord;
import dev.duckstring.manifest.ManifestException;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeployerTest {
  @TempDir Path tmp;
  private CatchmentLayout layout;
  private Deployer deployer;
  private Deployments deployments;

  @BeforeEach
  void setUp() {
    layout = new CatchmentLayout(tmp.resolve("root"));
    deployer =
        new Deployer(
            layout, Clock.fixed(Instant.parse("2026-03-01T12:00:00.250Z"), ZoneOffset.UTC));
    deployments = new Deployments(layout);
  }

  private Path project(String dir, String name, String version, String... sources) {
    return Projects.pond(tmp.resolve(dir), name, version, sources);
  }

  @Test
  void copiesTheProjectAndTheVersionAppearsInDeployments() {
    Path p = project("sales", "sales", "1.2.0");
    Projects.write(p.resolve("README.md"), "hi\n");

    DeployResult r = deployer.deploy(p, false);

    assertEquals(Outcome.INSTALLED, r.outcome());
    assertEquals("deployed sales 1.2.0 (path)", r.message());
    assertEquals(layout.version("sales", PondVersion.parse("1.2.0")), r.dir());
    assertEquals(
        List.of("DEPLOY.toml", "README.md", "pond.toml", "src", "src/daily.sql"),
        Projects.tree(r.dir()));
    assertEquals(List.of(PondVersion.parse("1.2.0")), deployments.versions("sales"));
    assertEquals(
        PondVersion.parse("1.2.0"), deployments.selected(new LineId("sales", 1)).orElseThrow());
    DeployRecord rec = DeployRecord.read(layout.deployRecord("sales", PondVersion.parse("1.2.0")));
    assertEquals("path", rec.origin());
    assertEquals(p.toAbsolutePath().toString(), rec.source());
    assertEquals("2026-03-01T12:00:00Z", rec.deployedAt());
    assertEquals(64, rec.contentHash().length());
    assertEquals(List.of("1.2.0"), Projects.names(layout.versions("sales")));
  }

  @Test
  void aYankedMarkIsNeitherDeployedNorHashedAndTheVersionIsRefusedWhileYanked() throws Exception {
    Path p = project("sales", "sales", "1.2.0");
    Projects.write(p.resolve("YANKED"), "reason = \"from the project\"\n");
    DeployResult r = deployer.deploy(p, false);
    assertEquals(
        List.of("DEPLOY.toml", "pond.toml", "src", "src/daily.sql"), Projects.tree(r.dir()));
    String recorded = DeployRecord.read(r.dir().resolve("DEPLOY.toml")).contentHash();
    Files.writeString(r.dir().resolve("YANKED"), "reason = \"bad join\"\n");
    assertEquals(recorded, VersionContent.hash(r.dir()), "a yank is not a change of content");
    assertEquals(List.of(PondVersion.parse("1.2.0")), deployments.yanked("sales"));
    assertTrue(deployments.selected(new LineId("sales", 1)).isEmpty());

    String before = String.join("\n", Projects.tree(layout.root()));
    YankedVersion same = assertThrows(YankedVersion.class, () -> deployer.deploy(p, false));
    assertEquals(
        "sales 1.2.0 is yanked (\"bad join\"); deploying it again does not run it: to run it"
            + " again, 'duckstring unyank dev sales 1.2.0'",
        same.sentence("dev"));
    Projects.write(p.resolve("src/daily.sql"), "SELECT 2 AS x\n");
    YankedVersion other = assertThrows(YankedVersion.class, () -> deployer.deploy(p, true));
    assertTrue(other.getMessage().contains("bump 'pond.version'"), other.getMessage());
    assertEquals(before, String.join("\n", Projects.tree(layout.root())), "nothing changed");
  }

  @Test
  void makesThePondsInboxesSoASignalCanBeTouchedRightAway() throws Exception {
    Path p = project("sales", "sales", "1.2.0");
    deployer.deploy(p, false);
    // what `touch <root>/ponds/sales/signals/pulse` and `echo ... > triggers/m1.toml` do
    Files.createFile(layout.signals("sales").resolve("pulse"));
    Files.writeString(layout.trigger(new LineId("sales", 1)), "kind = \"wave\"\n");
    // A redeploy of the same content makes them again if someone removed them.
    Files.delete(layout.signals("sales").resolve("pulse"));
    Files.delete(layout.signals("sales"));
    assertEquals(Outcome.UNCHANGED, deployer.deploy(p, false).outcome());
    assertTrue(Files.isDirectory(layout.signals("sales")));
  }

  @Test
  void leavesOutGitDotFilesBuildOutputsAndPythonCaches() throws Exception {
    Path p = project("sales", "sales", "1.0.0");
    Projects.write(p.resolve(".git/HEAD"), "ref: refs/heads/main\n");
    Projects.write(p.resolve(".gitignore"), "ponds/\n");
    Projects.write(p.resolve(".env"), "SECRET=1\n");
    Projects.write(p.resolve(".idea/x.xml"), "<x/>\n");
    Projects.write(p.resolve("target/classes/A.class"), "x");
    Projects.write(p.resolve("ponds/sales/daily.parquet"), "x");
    Projects.write(p.resolve("src/__pycache__/m.cpython-312.pyc"), "x");
    Projects.write(p.resolve("src/m.py"), "print(1)\n");
    Projects.write(p.resolve("src/old.pyc"), "x");
    Projects.write(p.resolve("venv/pyvenv.cfg"), "home = /usr\n");
    Projects.write(p.resolve("venv/bin/python"), "x");
    Projects.write(p.resolve("DEPLOY.toml"), "origin = \"forged\"\n");
    Projects.write(p.resolve("docs/target/kept.md"), "nested target/ is kept\n");
    Projects.write(p.resolve("run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(
        p.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));

    Path dir = deployer.deploy(p, false).dir();

    assertEquals(
        List.of(
            ".gitignore",
            "DEPLOY.toml",
            "docs",
            "docs/target",
            "docs/target/kept.md",
            "pond.toml",
            "run.sh",
            "src",
            "src/daily.sql",
            "src/m.py"),
        Projects.tree(dir));
    assertEquals("path", DeployRecord.read(dir.resolve("DEPLOY.toml")).origin());
    assertTrue(Files.isExecutable(dir.resolve("run.sh")));
    assertFalse(Files.isExecutable(dir.resolve("src/m.py")));
  }

  @Test
  void aBigPuddlesDirIsNeitherDeployedNorHashedNorPlanned() throws Exception {
    Path bare = project("bare", "sales", "1.0.0");
    Projects.write(bare.resolve("docs/puddles/kept.md"), "only the top-level puddles/ is local\n");
    Path other =
        new Deployer(new CatchmentLayout(tmp.resolve("other")), Clock.systemUTC())
            .deploy(bare, false)
            .dir();
    String without = DeployRecord.read(other.resolve("DEPLOY.toml")).contentHash();

    Path p = project("sales", "sales", "1.0.0");
    Projects.write(p.resolve("docs/puddles/kept.md"), "only the top-level puddles/ is local\n");
    byte[] mb = new byte[1 << 20];
    new Random(7).nextBytes(mb);
    Files.createDirectories(p.resolve("puddles/inlet"));
    try (OutputStream out = Files.newOutputStream(p.resolve("puddles/inlet/orders.parquet"))) {
      for (int i = 0; i < 32; i++) {
        out.write(mb);
      }
    }
    Projects.write(p.resolve("puddles/inlet/orders.schema.json"), "[]\n");
    Projects.write(p.resolve("puddles/out/daily/daily.parquet"), "x");

    DeployResult r = deployer.deploy(p, false);
    assertEquals(Projects.tree(other), Projects.tree(r.dir()), "no puddles/ in the version");
    assertEquals(without, DeployRecord.read(r.dir().resolve("DEPLOY.toml")).contentHash());
    Files.createDirectories(r.dir().resolve("puddles"));
    Files.writeString(r.dir().resolve("puddles/stray.parquet"), "x");
    assertEquals(without, VersionContent.hash(r.dir()), "nor in the daemon's recheck");

    Projects.write(p.resolve("puddles/inlet/customers.parquet"), "more local data");
    assertEquals(DeployPlan.Change.IDENTICAL, deployer.plan(p, false).change());
    assertEquals(Outcome.UNCHANGED, deployer.deploy(p, false).outcome());
  }

  @Test
  void redeployingTheSameContentIsANoOp() throws Exception {
    Path p = project("sales", "sales", "1.0.0");
    Path dir = deployer.deploy(p, false).dir();
    String before = Files.readString(dir.resolve("DEPLOY.toml"));
    Object inode = Files.readAttributes(dir, "unix:ino").get("ino");

    DeployResult again = deployer.deploy(p, false);

    assertEquals(Outcome.UNCHANGED, again.outcome());
    assertEquals("sales 1.0.0 is already deployed, unchanged (path)", again.message());
    assertEquals(before, Files.readString(dir.resolve("DEPLOY.toml")));
    assertEquals(inode, Files.readAttributes(dir, "unix:ino").get("ino"));
    assertEquals(List.of("1.0.0"), Projects.names(layout.versions("sales")));
  }

  @Test
  void changedContentIsRefusedUnlessForcedWhichReplacesIt() throws Exception {
    Path p = project("sales", "sales", "1.0.0");
    Path dir = deployer.deploy(p, false).dir();
    Projects.write(p.resolve("src/daily.sql"), "select 2 as x\n");

    DuckstringException e =
        assertThrows(DuckstringException.class, () -> deployer.deploy(p, false));
    assertEquals(
        "sales 1.0.0 is already deployed with different content; bump 'pond.version' in pond.toml,"
            + " or pass --force to replace it",
        e.getMessage());
    assertEquals("select 1 as x\n", Files.readString(dir.resolve("src/daily.sql")));
    assertEquals(List.of("1.0.0"), Projects.names(layout.versions("sales")));

    DeployResult forced = deployer.deploy(p, true);
    assertEquals(Outcome.REPLACED, forced.outcome());
    assertEquals("select 2 as x\n", Files.readString(dir.resolve("src/daily.sql")));
    assertEquals(List.of("1.0.0"), Projects.names(layout.versions("sales")));
    assertEquals(Outcome.UNCHANGED, deployer.deploy(p, false).outcome());
  }

  @Test
  void anInvalidManifestCreatesNothing() {
    Path p = tmp.resolve("bad");
    Projects.write(p.resolve("pond.toml"), "[pond]\nname = \"bad\"\nversion = \"one\"\n");
    Projects.write(p.resolve("src/t.sql"), "select 1\n");

    ManifestException e = assertThrows(ManifestException.class, () -> deployer.deploy(p, false));
    assertTrue(e.getMessage().startsWith("pond.toml:3:"), e.getMessage());
    assertFalse(Files.exists(layout.root()));
  }

  @Test
  void aDeclaredFileTheRulesSkipFailsAndLeavesNothingBehind() {
    Path p = tmp.resolve("p");
    Projects.write(
        p.resolve("pond.toml"),
        "[pond]\nname = \"p\"\nversion = \"1.0.0\"\n\n[ripples.t]\nsql = \"target/t.sql\"\n");
    Projects.write(p.resolve("target/t.sql"), "select 1\n");

    DuckstringException e =
        assertThrows(DuckstringException.class, () -> deployer.deploy(p, false));
    assertTrue(
        e.getMessage().contains("'ripples.t.sql' = \"target/t.sql\" does not exist"),
        e.getMessage());
    assertFalse(Files.exists(layout.ponds()), "no pond or versions dir left behind");
  }

  @Test
  void aCycleAcrossLinesIsRefusedWithItsPath() {
    deployer.deploy(project("a1", "a", "1.0.0", "b = \"1.0.0\""), false);
    List<String> before = Projects.tree(layout.root());

    DuckstringException e =
        assertThrows(
            DuckstringException.class,
            () -> deployer.deploy(project("b1", "b", "1.0.0", "a = \"1.0.0\""), false));

    assertEquals("cannot deploy b 1.0.0: Sources form a cycle b@1 -> a@1 -> b@1", e.getMessage());
    assertEquals(before, Projects.tree(layout.root()));
  }

  @Test
  void aPinAboveTheDeployedSourceIsRefused() {
    deployer.deploy(project("a1", "a", "1.1.0"), false);

    DuckstringException e =
        assertThrows(
            DuckstringException.class,
            () -> deployer.deploy(project("b1", "b", "1.0.0", "a = \"1.2.0\""), false));

    assertEquals(
        "cannot deploy b 1.0.0: Source a@1 is deployed at 1.1.0 but 'sources.a' needs at least"
            + " 1.2.0 (deploy a 1.2.0 or newer first, or lower the pin)",
        e.getMessage());
    assertFalse(Files.exists(layout.pond("b")));
  }

  @Test
  void aSinkMayDeployBeforeItsSourceWhichMustThenMeetItsPin() {
    deployer.deploy(project("b1", "b", "1.0.0", "a = \"1.2.0\""), false);

    DuckstringException e =
        assertThrows(
            DuckstringException.class, () -> deployer.deploy(project("a1", "a", "1.1.0"), false));
    assertEquals(
        "cannot deploy a 1.1.0: deployed Sink b@1 (1.0.0) needs a at least 1.2.0 (deploy 1.2.0 or"
            + " newer, or bump the major version)",
        e.getMessage());

    assertEquals(Outcome.INSTALLED, deployer.deploy(project("a12", "a", "1.2.0"), false).outcome());
    assertEquals(Outcome.INSTALLED, deployer.deploy(project("a2", "a", "2.0.0"), false).outcome());
  }

  @Test
  void anOlderVersionThatIsNotSelectedDoesNotChangeTheGraph() {
    deployer.deploy(project("a2", "a", "1.2.0"), false);
    deployer.deploy(project("b1", "b", "1.0.0", "a = \"1.0.0\""), false);

    // a 1.1.0 would close a cycle, but a 1.2.0 stays selected on a@1.
    DeployResult r = deployer.deploy(project("a1", "a", "1.1.0", "b = \"1.0.0\""), false);

    assertEquals(Outcome.INSTALLED, r.outcome());
    assertEquals(
        PondVersion.parse("1.2.0"), deployments.selected(new LineId("a", 1)).orElseThrow());
  }

  @Test
  void aHigherVersionThatWouldCloseACycleIsRefused() {
    deployer.deploy(project("a1", "a", "1.0.0"), false);
    deployer.deploy(project("b1", "b", "1.0.0", "a = \"1.0.0\""), false);
    deployer.deploy(project("c1", "c", "1.0.0", "b = \"1.0.0\""), false);

    DuckstringException e =
        assertThrows(
            DuckstringException.class,
            () -> deployer.deploy(project("a11", "a", "1.1.0", "c = \"1.0.0\""), false));
    assertEquals(
        "cannot deploy a 1.1.0: Sources form a cycle a@1 -> c@1 -> b@1 -> a@1", e.getMessage());
  }

  @Test
  void aMissingProjectIsAOneLineError() {
    DuckstringException e =
        assertThrows(DuckstringException.class, () -> deployer.deploy(tmp.resolve("none"), false));
    assertTrue(
        e.getMessage()
            .endsWith("error: no pond.toml here (run 'duckstring pond init NAME' to create one)"));
    assertFalse(Files.exists(layout.root()));
  }
}
