package dev.duckstring.deploy;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TagOpt;

/**
 * One bare clone per remote URL under {@code cache/git/<sha-of-url>/}: created on first use (under
 * a temporary name, renamed in once the first fetch succeeded), fetched afterwards. Access to a
 * clone is serialized within the JVM and, through a lock file, across processes.
 */
final class GitCache {
  static final String REMOTE = "origin";
  private static final List<String> REFSPECS =
      List.of("+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*");
  private static final ConcurrentMap<Path, Object> MONITORS = new ConcurrentHashMap<>();

  /** Work done on an open clone while holding its lock. */
  interface Work<T> {
    T run(Repository repo, boolean freshlyFetched) throws IOException;
  }

  /** Whether {@link #withClone} must fetch an existing clone before running the work. */
  interface FetchPolicy {
    boolean needsFetch(Repository repo) throws IOException;
  }

  private final Path root;

  GitCache(Path root) {
    this.root = root;
  }

  /** The clone directory of {@code url}. */
  Path dir(String url) {
    return root.resolve(ContentHash.of(url).substring(0, 16));
  }

  /** Opens (creating or fetching as needed) the clone of {@code url} and runs {@code work}. */
  <T> T withClone(String url, FetchPolicy policy, Work<T> work) {
    Path dir = dir(url);
    synchronized (MONITORS.computeIfAbsent(dir, d -> new Object())) {
      try {
        Files.createDirectories(root);
        Path lockFile = root.resolve("." + dir.getFileName() + ".lock");
        try (FileChannel ch =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
          ch.lock(); // released when the channel closes
          boolean fresh = false;
          if (!Files.isDirectory(dir)) {
            create(url, dir);
            fresh = true;
          }
          try (Repository repo = open(dir)) {
            String recorded = repo.getConfig().getString("remote", REMOTE, "url");
            if (!url.equals(recorded)) {
              throw new DuckstringException(
                  "git cache " + dir + " belongs to " + recorded + ", not " + url + "; remove it");
            }
            if (!fresh && policy.needsFetch(repo)) {
              fetch(repo, url);
              fresh = true;
            }
            return work.run(repo, fresh);
          }
        }
      } catch (IOException e) {
        throw new DuckstringException("git cache for " + url + ": " + TreeFiles.describe(e), e);
      }
    }
  }

  private static void create(String url, Path dir) throws IOException {
    Path tmp = dir.resolveSibling(AtomicFiles.tempName(dir.getFileName().toString()));
    try {
      try (Git git = Git.init().setBare(true).setDirectory(tmp.toFile()).call()) {
        StoredConfig config = git.getRepository().getConfig();
        config.setString("remote", REMOTE, "url", url);
        config.setStringList("remote", REMOTE, "fetch", REFSPECS);
        config.save();
        fetch(git.getRepository(), url);
      }
      AtomicFiles.move(tmp, dir);
      AtomicFiles.fsyncDirectory(dir.getParent());
    } catch (GitAPIException | JGitInternalException e) {
      throw new DuckstringException("cannot create git cache for " + url + ": " + oneLine(e), e);
    } finally {
      TreeFiles.deleteTree(tmp);
    }
  }

  private static Repository open(Path dir) throws IOException {
    return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
  }

  /** Fetches every branch (pruning deleted ones) and every tag of the remote. */
  static void fetch(Repository repo, String url) {
    try (Git git = Git.wrap(repo)) {
      git.fetch()
          .setRemote(REMOTE)
          .setRefSpecs(REFSPECS.stream().map(RefSpec::new).toList())
          .setTagOpt(TagOpt.NO_TAGS)
          .setRemoveDeletedRefs(true)
          .call();
    } catch (GitAPIException | JGitInternalException e) {
      String why = oneLine(e);
      why = why.startsWith(url + ": ") ? why.substring(url.length() + 2) : why;
      throw new DuckstringException(
          "cannot fetch "
              + url
              + ": "
              + (why.endsWith(".") ? why.substring(0, why.length() - 1) : why),
          e);
    }
  }

  static String oneLine(Exception e) {
    // "Invalid remote: origin" says less than its cause ("<url>: repository not found").
    Throwable t = e instanceof InvalidRemoteException && e.getCause() != null ? e.getCause() : e;
    String m = t.getMessage();
    while (m == null && t.getCause() != null) {
      t = t.getCause();
      m = t.getMessage();
    }
    return m == null ? t.getClass().getSimpleName() : m.replaceAll("\\s*\\R\\s*", " ").trim();
  }
}
