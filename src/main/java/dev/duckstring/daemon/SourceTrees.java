package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.RunRecords;
import dev.duckstring.deploy.GitCheckouts;
import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.time.Instant;
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

  /** The Catchment's root. */
  Path root() {
    return layout.root();
  }

  Path tree(RippleJob job) {
    return tree(job.line(), job.f(), job.deployed());
  }

  /** The tree of run {@code f} of {@code line}, made by {@code deployed} (its data tests too). */
  Path tree(LineId line, Instant runF, Deployed deployed) {
    versions.verify(deployed);
    if (!deployed.record().isGit()) {
      return deployed.dir();
    }
    String runId = RunRecords.runId(runF);
    Path dest = layout.work(line).resolve(runId).resolve(".src");
    CompletableFuture<Path> f =
        checkouts.computeIfAbsent(
            line + "/" + runId,
            k ->
                CompletableFuture.supplyAsync(
                    () -> git.materialize(deployed.record(), dest).dir(), Runnable::run));
    try {
      return f.join();
    } catch (CompletionException e) {
      checkouts.remove(line + "/" + runId);
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Forgets the checkouts of runs that have ended. */
  void forget(String line, String runId) {
    checkouts.remove(line + "/" + runId);
  }
}
