package dev.duckstring.manifest;

import dev.duckstring.fs.FileReads;
import java.nio.file.Path;
import java.util.Set;
import org.tomlj.TomlTable;

/**
 * DEPLOY.toml inside a deployed version: where it came from and a hash of its content.
 *
 * @param origin "path" (files copied at deploy) or "git" (fetched at each execution)
 * @param source the project directory deployed from (path origin)
 * @param gitUrl the remote the Catchment fetches (git origin)
 * @param gitRef the branch, tag or commit to run (git origin)
 * @param contentHash SHA-256 over the deployed files (path origin)
 */
public record DeployRecord(
    String origin,
    String source,
    String gitUrl,
    String gitRef,
    String contentHash,
    String deployedAt) {
  private static final Set<String> KEYS =
      Set.of("origin", "source", "git_url", "git_ref", "content_hash", "deployed_at");

  public boolean isGit() {
    return "git".equals(origin);
  }

  public static DeployRecord read(Path file) {
    TomlDoc doc = TomlDoc.parse(file.toString(), FileReads.readAll(file));
    doc.throwIfErrors();
    TomlTable t = doc.root();
    doc.rejectUnknownKeys(t, "", KEYS);
    DeployRecord r =
        new DeployRecord(
            doc.requireString(t, "", "origin"),
            doc.string(t, "", "source"),
            doc.string(t, "", "git_url"),
            doc.string(t, "", "git_ref"),
            doc.string(t, "", "content_hash"),
            doc.string(t, "", "deployed_at"));
    doc.throwIfErrors();
    return r;
  }

  public String toToml() {
    StringBuilder b = new StringBuilder("# Written by 'duckstring deploy'; do not edit.\n");
    line(b, "origin", origin);
    line(b, "source", source);
    line(b, "git_url", gitUrl);
    line(b, "git_ref", gitRef);
    line(b, "content_hash", contentHash);
    line(b, "deployed_at", deployedAt);
    return b.toString();
  }

  private static void line(StringBuilder b, String key, String value) {
    if (value != null) {
      b.append(key).append(" = ").append(TomlDoc.quote(value)).append('\n');
    }
  }
}
