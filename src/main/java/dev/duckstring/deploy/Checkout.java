package dev.duckstring.deploy;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A git tree written to a directory.
 *
 * @param dir the directory holding the tree's files
 * @param commit the full id of the commit the ref resolved to
 * @param contentHash the same content hash DEPLOY.toml records (see {@link ContentHash})
 */
public record Checkout(Path dir, String commit, String contentHash) {
  public Checkout {
    requireNonNull(dir, "dir is null");
    requireNonNull(commit, "commit is null");
    requireNonNull(contentHash, "contentHash is null");
  }
}
