package dev.duckstring.deploy;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.manifest.DeployRecord;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Suggest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.AbbreviatedObjectId;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes the tree of a git-origin version into a fresh directory, from a cached clone of its remote
 * that is fetched first (skipped when the ref is a full commit id already in the cache).
 */
public final class GitCheckouts {
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{4,40}");
  private static final String BRANCHES = "refs/remotes/" + GitCache.REMOTE + "/";

  private final GitCache cache;

  public GitCheckouts(CatchmentLayout layout) {
    this(layout.gitCache());
  }

  /** Checkouts through a cache at {@code cacheRoot} (a temporary one for {@code deploy --plan}). */
  GitCheckouts(Path cacheRoot) {
    this.cache = new GitCache(cacheRoot);
  }

  /**
   * Fetches {@code record}'s remote, resolves its ref (a branch follows the remote's latest head)
   * and writes that commit's deployable files into {@code dest}, which must not exist or be empty.
   */
  public Checkout materialize(DeployRecord record, Path dest) {
    if (!record.isGit() || record.gitUrl() == null || record.gitRef() == null) {
      throw new DuckstringException(
          "DEPLOY.toml: error: origin \""
              + record.origin()
              + "\" has no git_url and git_ref to fetch");
    }
    return materialize(record.gitUrl(), record.gitRef(), dest, false);
  }

  /** As {@link #materialize(DeployRecord, Path)}; {@code durable} fsyncs every file written. */
  Checkout materialize(String url, String ref, Path dest, boolean durable) {
    return cache.withClone(
        url,
        repo -> !isLocalCommit(repo, ref),
        (repo, fetched) -> {
          RevCommit commit = resolve(repo, ref, url);
          String hash = writeTree(repo, commit, dest, durable);
          return new Checkout(dest, commit.name(), hash);
        });
  }

  private static boolean isLocalCommit(Repository repo, String ref) throws IOException {
    if (ref.length() != Constants.OBJECT_ID_STRING_LENGTH || !HEX.matcher(ref).matches()) {
      return false;
    }
    try (RevWalk walk = new RevWalk(repo)) {
      walk.parseCommit(ObjectId.fromString(ref));
      return true;
    } catch (MissingObjectException | IncorrectObjectTypeException e) {
      return false;
    }
  }

  /** Resolves a tag, a branch (its remote head) or a full or abbreviated commit id, as git does. */
  static RevCommit resolve(Repository repo, String ref, String url) throws IOException {
    List<String> names = new ArrayList<>();
    if (ref.startsWith(Constants.R_HEADS)) {
      names.add(BRANCHES + ref.substring(Constants.R_HEADS.length()));
    } else if (ref.startsWith(Constants.R_TAGS)) {
      names.add(ref);
    } else {
      names.add(Constants.R_TAGS + ref);
      names.add(BRANCHES + ref);
    }
    try (RevWalk walk = new RevWalk(repo)) {
      for (String name : names) {
        Ref found = repo.exactRef(name);
        if (found != null) {
          return commitOf(walk, found.getObjectId(), ref);
        }
      }
      if (HEX.matcher(ref).matches()) {
        try (ObjectReader reader = repo.newObjectReader()) {
          Collection<ObjectId> ids = reader.resolve(AbbreviatedObjectId.fromString(ref));
          List<RevCommit> commits = new ArrayList<>();
          for (ObjectId id : ids) {
            if (reader.has(id, Constants.OBJ_COMMIT)
                && walk.parseAny(id).getType() == Constants.OBJ_COMMIT) {
              commits.add(walk.parseCommit(id));
            }
          }
          if (commits.size() == 1) {
            return commits.get(0);
          }
          if (commits.size() > 1) {
            throw new DuckstringException(
                "git ref '"
                    + ref
                    + "' is ambiguous at "
                    + url
                    + ": give more digits of the commit");
          }
        }
      }
    }
    throw new DuckstringException(
        "git ref '"
            + ref
            + "' not found at "
            + url
            + ": no branch, tag or commit of that name"
            + Suggest.hint(ref, refNames(repo)));
  }

  private static RevCommit commitOf(RevWalk walk, ObjectId id, String ref) throws IOException {
    try {
      return walk.parseCommit(id);
    } catch (IncorrectObjectTypeException e) {
      throw new DuckstringException("git ref '" + ref + "' does not point at a commit", e);
    }
  }

  private static List<String> refNames(Repository repo) throws IOException {
    List<String> out = new ArrayList<>();
    for (Ref r : repo.getRefDatabase().getRefsByPrefix(BRANCHES)) {
      out.add(r.getName().substring(BRANCHES.length()));
    }
    for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_TAGS)) {
      out.add(r.getName().substring(Constants.R_TAGS.length()));
    }
    return out;
  }

  /** Writes {@code commit}'s deployable files (see {@link SkipRules}) into {@code dest}. */
  static String writeTree(Repository repo, RevCommit commit, Path dest, boolean durable)
      throws IOException {
    boolean created = !Files.exists(dest, LinkOption.NOFOLLOW_LINKS);
    if (!created) {
      try (var entries = Files.list(dest)) {
        if (entries.findAny().isPresent()) {
          throw new DuckstringException(dest + " is not empty; a checkout needs a fresh directory");
        }
      }
    }
    Files.createDirectories(dest);
    try {
      return write(repo, commit, dest, durable);
    } catch (IOException | RuntimeException e) {
      TreeFiles.deleteContents(dest);
      if (created) {
        Files.deleteIfExists(dest);
      }
      throw e;
    }
  }

  private static String write(Repository repo, RevCommit commit, Path dest, boolean durable)
      throws IOException {
    ContentHash hash = new ContentHash();
    Path top = dest.toAbsolutePath().normalize();
    try (TreeWalk walk = new TreeWalk(repo)) {
      walk.addTree(commit.getTree());
      walk.setRecursive(false);
      while (walk.next()) {
        String name = walk.getNameString();
        String path = walk.getPathString();
        int depth = walk.getDepth();
        Path target = top.resolve(path).normalize();
        if (!target.startsWith(top) || target.equals(top)) {
          throw new DuckstringException("git tree path '" + path + "' escapes the checkout");
        }
        if (walk.isSubtree()) {
          if (!SkipRules.skipDirectory(name, depth)) {
            Files.createDirectories(target);
            walk.enterSubtree();
          }
          continue;
        }
        int mode = walk.getRawMode(0);
        if (SkipRules.skipFile(name, depth) || FileMode.GITLINK.equals(mode)) {
          continue; // submodules are not fetched
        }
        MessageDigest digest = ContentHash.sha256();
        if (FileMode.SYMLINK.equals(mode)) {
          byte[] blob = repo.open(walk.getObjectId(0), Constants.OBJ_BLOB).getBytes();
          String link = new String(blob, StandardCharsets.UTF_8);
          Path resolved = target.getParent().resolve(link).normalize();
          if (Path.of(link).isAbsolute() || !resolved.startsWith(top)) {
            throw new DuckstringException(
                "git tree symlink '" + path + "' -> '" + link + "' points outside the Pond");
          }
          Files.createSymbolicLink(target, Path.of(link));
          hash.add(path, ContentHash.SYMLINK, digest.digest(blob));
          continue;
        }
        try (OutputStream out =
            new DigestOutputStream(
                Files.newOutputStream(target, StandardOpenOption.CREATE_NEW), digest)) {
          repo.open(walk.getObjectId(0), Constants.OBJ_BLOB).copyTo(out);
        }
        if (durable) {
          ProjectCopy.fsync(target);
        }
        boolean executable = FileMode.EXECUTABLE_FILE.equals(mode);
        TreeFiles.setExecutable(target, executable);
        hash.add(path, executable ? ContentHash.EXECUTABLE : ContentHash.REGULAR, digest.digest());
      }
    }
    return hash.hex();
  }
}
