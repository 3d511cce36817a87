package dev.duckstring.deploy;

import dev.duckstring.model.PondManifest;
import java.nio.file.Path;

/**
 * A check of a project's files that needs more than the manifest, such as its data tests being one
 * query each (decision 48), supplied by the caller since deploy runs nothing itself.
 */
@FunctionalInterface
public interface TreeCheck {
  /** Checks nothing. */
  TreeCheck NONE = (manifest, tree) -> {};

  /** Throws a one-line DuckstringException for the first problem in {@code tree}. */
  void check(PondManifest manifest, Path tree);
}
