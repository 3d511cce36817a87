package dev.duckstring.deploy;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.deploy.DeployResult.Outcome;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.FileReads;
import dev.duckstring.manifest.DeployRecord;
import dev.duckstring.manifest.ManifestReader;
import dev.duckstring.manifest.YankFile;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Puts a staged version into {@code versions/<x.y.z>/}: fills a {@code .tmp-} directory, writes
 * DEPLOY.toml last, fsyncs, renames it into place; makes the Pond's {@code signals/} and {@code
 * triggers/} too. Any failure removes what it created.
 */
final class VersionInstaller {
  /** Fills an empty staging directory and returns the content hash of what it wrote. */
  interface Stager {
    String fill(Path dir) throws IOException;
  }

  private final CatchmentLayout layout;

  VersionInstaller(CatchmentLayout layout) {
    this.layout = layout;
  }

  /** Installs {@code manifest}'s version; {@code record} builds DEPLOY.toml from the hash. */
  DeployResult install(
      PondManifest manifest,
      Stager stager,
      Function<String, DeployRecord> record,
      boolean force,
      String commit) {
    String pond = manifest.name();
    String label = pond + " " + manifest.version();
    Path versions = layout.versions(pond);
    Path target = layout.version(pond, manifest.version());
    List<Path> created = new ArrayList<>();
    Path tmp = null;
    try {
      // The inboxes first, so `touch .../signals/pulse` works as soon as the deploy did; a failed
      // deploy removes what it made, latest first, where still empty.
      created.addAll(0, TreeFiles.createDirectories(layout.signals(pond)));
      created.addAll(0, TreeFiles.createDirectories(layout.triggers(pond)));
      created.addAll(0, TreeFiles.createDirectories(versions));
      tmp = versions.resolve(AtomicFiles.tempName(manifest.version().text()));
      Files.createDirectory(tmp);
      String hash = stager.fill(tmp);
      checkStagedManifest(manifest, tmp);
      DeployRecord rec = record.apply(hash);
      boolean exists = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
      DeployResult result =
          new DeployResult(
              pond,
              manifest.version(),
              target,
              exists ? Outcome.REPLACED : Outcome.INSTALLED,
              rec.origin(),
              rec.gitRef(),
              commit);
      if (exists) {
        DeployRecord old = readRecord(target);
        refuseYanked(manifest, target, old, rec);
        if (old != null && sameDeploy(old, rec) && !force && intact(target, old)) {
          TreeFiles.deleteTree(tmp);
          return new DeployResult(
              pond,
              manifest.version(),
              target,
              Outcome.UNCHANGED,
              rec.origin(),
              rec.gitRef(),
              commit);
        }
        if (!force) {
          throw new DuckstringException(differentContent(label));
        }
      }
      TreeFiles.writeNew(
          tmp.resolve(SkipRules.DEPLOY_RECORD), rec.toToml().getBytes(StandardCharsets.UTF_8));
      TreeFiles.fsyncDirectories(tmp);
      if (exists) {
        replace(versions, target, tmp);
      } else {
        AtomicFiles.move(tmp, target);
      }
      AtomicFiles.fsyncDirectory(versions);
      return result;
    } catch (IOException e) {
      cleanUp(tmp, created);
      throw new DuckstringException("cannot deploy " + label + ": " + TreeFiles.describe(e), e);
    } catch (RuntimeException e) {
      cleanUp(tmp, created);
      throw e;
    }
  }

  /** Swaps {@code staged} in for {@code target}: old aside to a dot-name, new in, old deleted. */
  private static void replace(Path versions, Path target, Path staged) throws IOException {
    Path aside = versions.resolve(AtomicFiles.tempName("old-" + target.getFileName()));
    AtomicFiles.move(target, aside);
    try {
      AtomicFiles.move(staged, target);
    } catch (IOException e) {
      AtomicFiles.move(aside, target);
      throw e;
    }
    AtomicFiles.fsyncDirectory(versions);
    try {
      TreeFiles.deleteTree(aside);
    } catch (DuckstringException e) {
      // The replaced copy is a dot-name every scanner skips; a leftover is harmless.
    }
  }

  /** Why a redeploy of {@code label} (pond and version) with other files is refused. */
  static String differentContent(String label) {
    return label
        + " is already deployed with different content; bump 'pond.version' in"
        + " pond.toml, or pass --force to replace it";
  }

  /** The files actually staged must still declare the manifest that was validated. */
  static void checkStagedManifest(PondManifest validated, Path staged) {
    PondManifest again;
    try {
      again = ManifestReader.read(staged);
    } catch (DuckstringException e) {
      throw new DuckstringException(
          "the deployed copy fails validation (a file it needs is skipped by the deploy rules?):\n"
              + e.getMessage(),
          e);
    }
    if (!again.equals(validated)) {
      throw new DuckstringException(
          "pond.toml changed while deploying " + validated.name() + "; deploy again");
    }
  }

  /** A yanked version is never replaced, even with --force: unyank it, or bump the version. */
  private static void refuseYanked(
      PondManifest manifest, Path target, DeployRecord old, DeployRecord rec) {
    Path mark = target.resolve(YankFile.NAME);
    if (!Files.exists(mark, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    YankFile yank = new YankFile(null, null);
    try {
      if (Files.isRegularFile(mark, LinkOption.NOFOLLOW_LINKS)) {
        yank = YankFile.parse(FileReads.readNoFollow(mark, 64 * 1024));
      }
    } catch (IOException e) {
      // unreadable: still yanked, without a reason to quote
    }
    boolean same = old != null && Objects.equals(old.contentHash(), rec.contentHash());
    throw new YankedVersion(manifest.name(), manifest.version(), yank, same);
  }

  private static DeployRecord readRecord(Path versionDir) {
    Path file = versionDir.resolve(SkipRules.DEPLOY_RECORD);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return DeployRecord.read(file);
    } catch (DuckstringException e) {
      return null; // an unreadable record counts as different content
    }
  }

  /** The deployed directory still holds what its record says (nobody edited it since). */
  private static boolean intact(Path target, DeployRecord old) {
    try {
      return VersionContent.hash(target).equals(old.contentHash());
    } catch (DuckstringException e) {
      return false;
    }
  }

  /** Same files from the same origin: redeploying changes nothing. */
  static boolean sameDeploy(DeployRecord a, DeployRecord b) {
    return a.contentHash() != null
        && a.contentHash().equals(b.contentHash())
        && Objects.equals(a.origin(), b.origin())
        && Objects.equals(a.gitUrl(), b.gitUrl())
        && Objects.equals(a.gitRef(), b.gitRef());
  }

  private static void cleanUp(Path tmp, List<Path> created) {
    if (tmp != null) {
      try {
        TreeFiles.deleteTree(tmp);
      } catch (DuckstringException ignored) {
        // A dot-name every scanner skips; nothing more can be done.
      }
    }
    TreeFiles.removeIfEmpty(created);
  }
}
