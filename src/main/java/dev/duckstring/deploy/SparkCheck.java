package dev.duckstring.deploy;

import dev.duckstring.manifest.CatchmentConfig;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.RippleEngine;
import dev.duckstring.model.RippleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A version with Spark Ripples deploys only into a Catchment whose catchment.toml says where Spark
 * runs ({@code [spark]}, decision 55): refused otherwise, naming the Ripple and the fix.
 */
final class SparkCheck {
  /** The check for a root whose settings are in {@code config} (catchment.toml). */
  private final Path config;

  SparkCheck(Path config) {
    this.config = config;
  }

  /** Throws a one-line error when {@code manifest} has a Spark Ripple and the root no [spark]. */
  void validate(PondManifest manifest) {
    List<String> spark =
        manifest.ripples().stream().filter(RippleSpec::onSpark).map(RippleSpec::name).toList();
    if (spark.isEmpty() || hasSpark()) {
      return;
    }
    String which =
        spark.size() == 1
            ? "ripple '" + spark.get(0) + "' runs"
            : "ripples '" + String.join("', '", spark) + "' run";
    throw new DuckstringException(
        "cannot deploy "
            + manifest.name()
            + " "
            + manifest.version()
            + ": "
            + which
            + " on "
            + RippleEngine.SPARK.key()
            + ", but "
            + config
            + " has no [spark] section: add [spark] master = \"local[2]\""
            + " (or remote = \"sc://host:15002\") and restart the daemon");
  }

  private boolean hasSpark() {
    if (!Files.exists(config)) {
      return false;
    }
    try {
      return CatchmentConfig.read(config).spark() != null;
    } catch (DuckstringException e) {
      throw new DuckstringException(
          "cannot check where Spark runs: " + e.getMessage().lines().findFirst().orElse(""), e);
    }
  }
}
