package dev.duckstring.deploy;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.manifest.DeployRecord;
import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;

/**
 * Installs a Pond version into a Catchment root from a local project or a git ref, after checking
 * it against what is deployed. Nothing is run: the daemon finds the new version by scanning.
 */
public final class Deployer {
  private final Clock clock;
  private final DeployChecks checks;
  private final VersionInstaller installer;
  private final GitCheckouts git;
  private final Deployments deployments;
  private final DeployPlanner planner;

  public Deployer(CatchmentLayout layout, Clock clock) {
    this(layout, clock, TreeCheck.NONE);
  }

  /** A deployer that also refuses a project whose files fail {@code treeCheck}. */
  public Deployer(CatchmentLayout layout, Clock clock, TreeCheck treeCheck) {
    this.clock = clock;
    this.deployments = new Deployments(layout);
    this.checks = new DeployChecks(deployments, treeCheck, layout.config());
    this.installer = new VersionInstaller(layout);
    this.git = new GitCheckouts(layout);
    this.planner = new DeployPlanner(layout, treeCheck);
  }

  /**
   * Copies {@code project} (see {@link SkipRules}) into {@code versions/<x.y.z>/}. Redeploying the
   * same content is a no-op; different content is refused unless {@code force}.
   */
  public DeployResult deploy(Path project, boolean force) {
    Path dir = project.toAbsolutePath().normalize();
    PondManifest manifest = ManifestReader.read(dir);
    checks.validate(manifest);
    checks.validateTree(manifest, dir);
    return installer
        .install(
            manifest,
            staging -> ProjectCopy.copy(dir, staging),
            hash -> new DeployRecord("path", dir.toString(), null, null, hash, now()),
            force,
            null)
        .withWarnings(warnings(manifest));
  }

  /**
   * What {@link #deploy} would do, without changing anything: the project is read as deploy reads
   * it (same errors) and copied into a temporary directory outside the root, which is deleted.
   */
  public DeployPlan plan(Path project, boolean force) {
    Path dir = project.toAbsolutePath().normalize();
    PondManifest manifest = ManifestReader.read(dir);
    Path scratch = scratch();
    try {
      Path staged = scratch.resolve("tree");
      String hash = ProjectCopy.copy(dir, Files.createDirectory(staged));
      DeployRecord record = new DeployRecord("path", dir.toString(), null, null, hash, now());
      return planner.plan(manifest, staged, record, "path", force);
    } catch (IOException e) {
      throw new DuckstringException("cannot stage " + dir + ": " + TreeFiles.describe(e), e);
    } finally {
      TreeFiles.deleteTree(scratch);
    }
  }

  /**
   * What {@link #deployGit} would do, without changing anything in the root: the remote is fetched
   * into a temporary clone (not the root's {@code cache/git/}), which is deleted afterwards.
   */
  public DeployPlan planGit(Path project, String ref, boolean force) {
    if (ref == null || ref.isBlank()) {
      throw new DuckstringException("--git needs a branch, tag or commit");
    }
    Path dir = project.toAbsolutePath().normalize();
    String url = ProjectRepo.remoteUrl(dir);
    Path scratch = scratch();
    try {
      GitCheckouts temporary = new GitCheckouts(scratch.resolve("cache"));
      Checkout checkout = temporary.materialize(url, ref, scratch.resolve("tree"), false);
      PondManifest manifest = readAtRef(checkout, ref, url);
      DeployRecord record = new DeployRecord("git", null, url, ref, checkout.contentHash(), now());
      String origin = "git " + ref + " @ " + checkout.commit().substring(0, 8);
      return planner.plan(manifest, checkout.dir(), record, origin, force);
    } finally {
      TreeFiles.deleteTree(scratch);
    }
  }

  private List<String> warnings(PondManifest manifest) {
    return DeployWarnings.of(manifest, deployments.lines(new HashMap<>()), deployments.ponds());
  }

  private static Path scratch() {
    try {
      return Files.createTempDirectory("duckstring-deploy-");
    } catch (IOException e) {
      throw new DuckstringException("cannot create a temporary directory: " + e.getMessage(), e);
    }
  }

  /**
   * Deploys {@code ref} (branch, tag or commit) of {@code project}'s git remote: the remote is
   * fetched into the cache, the manifest is read from the tree at that ref, and the version
   * directory holds that tree plus DEPLOY.toml recording the URL and ref the daemon will fetch.
   */
  public DeployResult deployGit(Path project, String ref, boolean force) {
    if (ref == null || ref.isBlank()) {
      throw new DuckstringException("--git needs a branch, tag or commit");
    }
    Path dir = project.toAbsolutePath().normalize();
    String url = ProjectRepo.remoteUrl(dir);
    Path scratch = scratch();
    try {
      Checkout checkout = git.materialize(url, ref, scratch.resolve("tree"), false);
      PondManifest manifest = readAtRef(checkout, ref, url);
      checks.validate(manifest);
      checks.validateTree(manifest, checkout.dir());
      return installer
          .install(
              manifest,
              staging -> {
                // Written again from the cache by full commit id: no fetch, and fsynced this time.
                return git.materialize(url, checkout.commit(), staging, true).contentHash();
              },
              hash -> new DeployRecord("git", null, url, ref, hash, now()),
              force,
              checkout.commit())
          .withWarnings(warnings(manifest));
    } finally {
      TreeFiles.deleteTree(scratch);
    }
  }

  private static PondManifest readAtRef(Checkout checkout, String ref, String url) {
    String at = "git ref '" + ref + "' (" + checkout.commit().substring(0, 8) + ") of " + url;
    if (!Files.isRegularFile(checkout.dir().resolve(ManifestReader.FILE))) {
      throw new DuckstringException("no pond.toml at the top of " + at);
    }
    try {
      return ManifestReader.read(checkout.dir());
    } catch (DuckstringException e) {
      throw new DuckstringException("pond.toml at " + at + " is invalid:\n" + e.getMessage(), e);
    }
  }

  private String now() {
    return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
