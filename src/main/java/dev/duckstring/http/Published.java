package dev.duckstring.http;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.Generations;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a line's published data for a request: every directory it returns is a real path checked to
 * lie inside the line's {@code data/} directory, so a hostile pointer or link cannot escape.
 */
final class Published {
  private final CatchmentLayout layout;
  private final RootPaths paths;
  private final Deployments deployments;
  private final Generations generations;

  Published(CatchmentLayout layout, RootPaths paths) {
    this.layout = layout;
    this.paths = paths;
    this.deployments = new Deployments(layout);
    this.generations = new Generations(layout);
  }

  /** The line {@code version} (null, a major or an exact version) names; 404 if none. */
  LineId line(String pond, String version) {
    try {
      return deployments.line(pond, version);
    } catch (DuckstringException e) {
      throw HttpFailure.notFound(e.getMessage());
    }
  }

  /** The real directory of the line's published generation; 404 before the first publish. */
  Path generation(LineId line) {
    Path gen;
    try {
      gen =
          generations
              .current(line)
              .orElseThrow(
                  () -> HttpFailure.notFound(line + " has not published anything yet (pulse it)"));
    } catch (HttpFailure e) {
      throw e;
    } catch (DuckstringException e) {
      throw HttpFailure.notFound(line + " has no readable published generation");
    }
    return paths.confine(layout.data(line), List.of(gen.getFileName().toString()));
  }

  /** The real directory of one published Ripple; 404 naming the published ones otherwise. */
  Path ripple(LineId line, String ripple) {
    Path gen = generation(line);
    try {
      generations.ripple(line, ripple);
    } catch (DuckstringException e) {
      throw HttpFailure.notFound(e.getMessage());
    }
    return paths.confine(gen, List.of(ripple));
  }

  /** A file inside a published Ripple. */
  Path file(LineId line, String ripple, List<String> segments) {
    return paths.confine(ripple(line, ripple), segments);
  }
}
