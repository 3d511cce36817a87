package dev.duckstring.catchment;

import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The rule of yanked versions (decision 45): a line runs the highest deployed version of its major
 * that is not yanked; when every version of the major is yanked it runs none and is idle.
 */
public final class Yanks {
  private Yanks() {}

  /** The version line {@code major} runs among {@code deployed}, or empty when all are yanked. */
  public static Optional<PondVersion> runnable(
      Collection<PondVersion> deployed, Collection<PondVersion> yanked, int major) {
    return deployed.stream()
        .filter(v -> v.major() == major && !yanked.contains(v))
        .max(Comparator.naturalOrder());
  }

  /** {@code yanked} restricted to {@code major}, ascending. */
  public static List<PondVersion> ofMajor(Collection<PondVersion> yanked, int major) {
    return yanked.stream().filter(v -> v.major() == major).sorted().toList();
  }

  /** Why a line runs nothing: {@code every version of outlet@1 is yanked (1.0.0, 1.1.0)}. */
  public static String everyVersion(LineId line, Collection<PondVersion> yanked) {
    return "every version of "
        + line
        + " is yanked ("
        + ofMajor(yanked, line.major()).stream()
            .map(PondVersion::text)
            .collect(Collectors.joining(", "))
        + "); unyank one or deploy a new version";
  }
}
