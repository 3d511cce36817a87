package dev.duckstring.catchment;

import dev.duckstring.manifest.DeployRecord;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondManifest;
import java.nio.file.Path;
import java.util.List;

/** One deployed version as found in the root: its manifest, directory and origin record. */
public record Deployed(PondManifest manifest, Path dir, DeployRecord record) {
  public LineId line() {
    return manifest.line();
  }

  /** The Sources as status and the HTTP view show them: "pond spec", e.g. {@code pond 1.0.0?}. */
  public List<String> sourceSpecs() {
    return manifest.sources().stream().map(p -> p.pond() + " " + p.spec()).toList();
  }
}
