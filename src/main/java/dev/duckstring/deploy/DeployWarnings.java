package dev.duckstring.deploy;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.SourcePin;
import dev.duckstring.model.Suggest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a deploy says but does not refuse: a Source that is not deployed but is one typo away from a
 * Pond that is (a Sink may deploy first, so it is only a hint), and a Source whose major is
 * deprecated (decision 47).
 */
final class DeployWarnings {
  private DeployWarnings() {}

  /** The warnings for deploying {@code manifest} beside {@code lines} (Ponds: {@code ponds}). */
  static List<String> of(
      PondManifest manifest, Map<LineId, Deployed> lines, Collection<String> ponds) {
    List<String> out = new ArrayList<>();
    for (SourcePin pin : manifest.sources()) {
      typo(pin, ponds).ifPresent(out::add);
      Deployed source = lines.get(pin.line());
      if (source != null && source.manifest().deprecated() != null) {
        out.add(deprecated(pin.line(), source));
      }
    }
    return out;
  }

  /** The did-you-mean hint for a Source that names no deployed Pond, if one is close. */
  static Optional<String> typo(SourcePin pin, Collection<String> ponds) {
    if (ponds.contains(pin.pond())) {
      return Optional.empty();
    }
    return Suggest.closest(pin.pond(), ponds)
        .map(
            close ->
                "warning: Source '"
                    + pin.pond()
                    + "' is not deployed (did you mean '"
                    + close
                    + "'?); this Pond waits for it");
  }

  /** The warning for a Source line whose selected version is deprecated. */
  static String deprecated(LineId line, Deployed source) {
    return "warning: Source "
        + line
        + " ("
        + source.manifest().version()
        + ") is deprecated: "
        + source.manifest().deprecated();
  }
}
