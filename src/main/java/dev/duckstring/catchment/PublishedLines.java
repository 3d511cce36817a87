package dev.duckstring.catchment;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondPin;
import dev.duckstring.model.PondVersion;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The line and published generation a read names ({@code get}, {@code query}, the HTTP view): a
 * bare Pond reads its highest major, {@code POND@MAJOR} that major, {@code POND@VERSION} the line
 * of its major when that version made the line's published data. Every refusal is one line naming
 * what is there instead. See decision 46.
 */
public final class PublishedLines {
  private final Deployments deployments;
  private final Generations generations;
  private final StatusStore statuses;

  public PublishedLines(CatchmentLayout layout) {
    this.deployments = new Deployments(layout);
    this.generations = new Generations(layout);
    this.statuses = new StatusStore(layout);
  }

  /** A read's line and the directory of its published generation. */
  public record Read(LineId line, Path generation) {}

  /**
   * The line {@code pin} names: the highest major without a pin; a pinned line must be deployed and
   * have published data, and a pinned version must be the one that made it.
   */
  public LineId line(PondPin pin) {
    LineId highest = deployments.defaultLine(pin.pond());
    if (!pin.pinned()) {
      return highest;
    }
    String pond = pin.pond();
    LineId line = new LineId(pond, pin.major());
    List<Integer> majors = deployments.majors(pond);
    if (!majors.contains(line.major())) {
      if (!pin.isMajor()) {
        throw noVersion(pin);
      }
      throw new DuckstringException(
          pin + ": " + pond + " has no major " + line.major() + "; it has " + majorList(majors));
    }
    if (generations.current(line).isEmpty()) {
      throw new DuckstringException(nothingPublished(line));
    }
    if (pin.isMajor()) {
      return line;
    }
    PondVersion made = publishedVersion(line).orElse(null);
    if (pin.version().equals(made)) {
      return line;
    }
    if (!deployments.versions(pond).contains(pin.version())) {
      throw noVersion(pin);
    }
    if (made == null) {
      throw new DuckstringException(
          pin
              + ": which version made the published data of "
              + line
              + " is not known (status.json does not say); read "
              + line);
    }
    throw new DuckstringException(
        pin
            + ": the published data of "
            + line
            + " was made by "
            + made
            + ", not "
            + pin.pin()
            + "; read "
            + line
            + " or "
            + pond
            + "@"
            + made);
  }

  /** The line {@code pin} names and its published generation; a one-line error before any. */
  public Read read(PondPin pin) {
    LineId line = line(pin);
    return new Read(line, generation(line));
  }

  /** The line's published generation; a one-line error naming the lines that have one. */
  public Path generation(LineId line) {
    return generations
        .current(line)
        .orElseThrow(() -> new DuckstringException(nothingPublished(line)));
  }

  /**
   * The version whose code made the line's published data, as the daemon last wrote it in
   * status.json; empty when status.json does not know it (its {@code ? (1.3.0 pending)}); the
   * version the line runs when there is no readable status.json.
   */
  public Optional<PondVersion> publishedVersion(LineId line) {
    LineStatus s;
    try {
      s = statuses.read(line);
    } catch (DuckstringException e) {
      s = null; // a garbled status.json says nothing
    }
    if (s == null) {
      return deployments.selected(line);
    }
    if (s.publishedVersion() != null && PondVersion.isValid(s.publishedVersion())) {
      return Optional.of(PondVersion.parse(s.publishedVersion()));
    }
    return s.codePending() ? Optional.empty() : deployments.selected(line);
  }

  /** "outlet@2 has not published anything yet (pulse it)", naming the lines that have. */
  public String nothingPublished(LineId line) {
    List<String> others =
        deployments.majors(line.pond()).stream()
            .map(m -> new LineId(line.pond(), m))
            .filter(l -> !l.equals(line) && generations.current(l).isPresent())
            .map(LineId::toString)
            .toList();
    return line
        + " has not published anything yet (pulse it)"
        + (others.isEmpty() ? "" : "; published: " + String.join(", ", others));
  }

  private DuckstringException noVersion(PondPin pin) {
    return new DuckstringException(
        pin
            + ": "
            + pin.pond()
            + " has no version "
            + pin.pin()
            + "; deployed: "
            + deployments.versions(pin.pond()).stream()
                .map(PondVersion::toString)
                .collect(Collectors.joining(", ")));
  }

  private static String majorList(List<Integer> majors) {
    return (majors.size() == 1 ? "major " : "majors ")
        + majors.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
