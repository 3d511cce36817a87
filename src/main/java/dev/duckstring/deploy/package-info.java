/**
 * Installs Pond versions into a Catchment root: validates a project's pond.toml against what is
 * already deployed, stages a copy under a temporary dot-name and renames it into place, and
 * materializes git-origin versions from a per-URL clone cache; plans a deploy ({@code deploy
 * --plan}: {@link dev.duckstring.deploy.DeployPlan}) on a staged copy outside the root. Most
 * callers need only {@link dev.duckstring.deploy.Deployer} and {@link
 * dev.duckstring.deploy.GitCheckouts}; a yanked version is refused as {@link
 * dev.duckstring.deploy.YankedVersion} (decision 45). Checks that need more than the manifest (data
 * test files being one query, decision 48) are a {@link dev.duckstring.deploy.TreeCheck} the caller
 * supplies; a version with Spark Ripples needs catchment.toml's {@code [spark]} ({@code
 * SparkCheck}, decision 55). The only package that imports JGit; imports {@code model}, {@code fs},
 * {@code manifest} and {@code catchment}.
 */
package dev.duckstring.deploy;
