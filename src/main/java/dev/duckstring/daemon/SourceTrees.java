package dev.duckstring.daemon;

import java.nio.file.Path;

/** The project files a Ripple runs from: the deployed directory, or a git checkout of its ref. */
final class SourceTrees {
  Path tree(RippleJob job) {
    return job.deployed().dir();
  }
}
