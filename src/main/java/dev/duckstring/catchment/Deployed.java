package dev.duckstring.catchment;

import dev.duckstring.manifest.DeployRecord;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondManifest;
import java.nio.file.Path;

/** One deployed version as found in the root: its manifest, directory and origin record. */
public record Deployed(PondManifest manifest, Path dir, DeployRecord record) {
  public LineId line() {
    return manifest.line();
  }
}
