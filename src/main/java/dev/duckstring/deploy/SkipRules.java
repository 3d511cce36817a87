package dev.duckstring.deploy;

import dev.duckstring.manifest.YankFile;

/**
 * What a deploy leaves out of a project: dot-names (except {@code .gitignore}), {@code .git},
 * {@code __pycache__}, {@code *.pyc}, Python venvs, and at the top level {@code target/}, {@code
 * ponds/} (outputs of {@code get} and {@code query}), {@code puddles/} (hydrated data and local run
 * outputs, decision 51: large and private, never copied, never hashed, in a path or a git deploy),
 * a stray {@code DEPLOY.toml} and a {@code YANKED} file (the operator's mark beside a deployed
 * version, decision 45: never copied, never hashed, so a yank leaves the content hash as it was).
 */
final class SkipRules {
  /** The origin record every deployed version holds, written by deploy only. */
  static final String DEPLOY_RECORD = "DEPLOY.toml";

  /** A project's local data: hydrated Sources and local run outputs (never deployed). */
  static final String PUDDLES = "puddles";

  private SkipRules() {}

  /** True if the directory {@code name} at {@code depth} (0 = project top) is left out. */
  static boolean skipDirectory(String name, int depth) {
    return name.startsWith(".")
        || name.equals("__pycache__")
        || (depth == 0 && (name.equals("target") || name.equals("ponds") || name.equals(PUDDLES)));
  }

  /** True if the file {@code name} at {@code depth} (0 = project top) is left out. */
  static boolean skipFile(String name, int depth) {
    return (name.startsWith(".") && !name.equals(".gitignore"))
        || name.endsWith(".pyc")
        || (depth == 0 && (name.equals(DEPLOY_RECORD) || name.equals(YankFile.NAME)));
  }
}
