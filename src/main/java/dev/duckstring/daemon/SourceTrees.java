package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.deploy.GitCheckouts;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The project files a Ripple runs from: the deployed directory (checked against its DEPLOY.toml
 * hash first: files edited after deploy never run), or, for a {@code --git} deploy, a fresh
 * checkout of its ref made once per Pond Run (every Ripple of the run shares it).
 */
final class SourceTrees {
  private final CatchmentLayout layout;
  private final GitCheckouts git;
  private final Map<String, CompletableFuture<Path>> checkouts = new ConcurrentHashMap<>();

  private final VersionCheck versions;

  SourceTrees(CatchmentLayout layout, VersionCheck versions) {
    this.layout = layout;
    this.git = new GitCheckouts(layout);
    this.versions = versions;
  }

  Path tree(RippleJob job) {
    versions.verify(job.deployed());
    if (!job.deployed().record().isGit()) {
      return job.deployed().dir();
    }
    String runId = RunRecords.runId(job.f());
    Path dest = layout.work(job.line()).resolve(runId).resolve(".src");
    CompletableFuture<Path> f =
        checkouts.computeIfAbsent(
            job.line() + "/" + runId,
            k ->
                CompletableFuture.supplyAsync(
                    () -> git.materialize(job.deployed().record(), dest).dir(), Runnable::run));
    try {
      return f.join();
    } catch (CompletionException e) {
      checkouts.remove(job.line() + "/" + runId);
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Forgets the checkouts of runs that have ended. */
  void forget(String line, String runId) {
    checkouts.remove(line + "/" + runId);
  }
}
