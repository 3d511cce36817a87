package dev.duckstring.http;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.PublishedLines;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.Names;
import dev.duckstring.model.PondPin;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds a line's published data for a request: every directory it returns is a real path checked to
 * lie inside the line's {@code data/} directory, so a hostile pointer or link cannot escape.
 */
final class Published {
  private final CatchmentLayout layout;
  private final RootPaths paths;
  private final PublishedLines lines;
  private final Generations generations;

  Published(CatchmentLayout layout, RootPaths paths) {
    this.layout = layout;
    this.paths = paths;
    this.lines = new PublishedLines(layout);
    this.generations = new Generations(layout);
  }

  /**
   * The line {@code pond} ({@code outlet} or {@code outlet@1}) and {@code version} (null, a major
   * or a version) name, as {@link PublishedLines#line} reads it; 400 for a malformed pin, 404 for a
   * line that is not there.
   */
  LineId line(String pond, String version) {
    return line(pin(pond, version));
  }

  /** The pin a request names; 400 for a malformed one, 404 for a name no Pond can have. */
  static PondPin pin(String pond, String version) {
    int at = pond.indexOf('@');
    String name = at < 0 ? pond : pond.substring(0, at);
    try {
      Names.check("pond", name);
    } catch (DuckstringException e) {
      throw HttpFailure.notFound(e.getMessage());
    }
    try {
      return PondPin.parse(pond).withVersion(version);
    } catch (DuckstringException e) {
      throw HttpFailure.badRequest(e.getMessage());
    }
  }

  /** The line {@code pin} names; 404 if none. */
  LineId line(PondPin pin) {
    try {
      return lines.line(pin);
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
              .orElseThrow(() -> HttpFailure.notFound(lines.nothingPublished(line)));
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
