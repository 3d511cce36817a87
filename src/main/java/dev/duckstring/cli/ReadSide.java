package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.http.RemoteCatchment;
import dev.duckstring.manifest.Registrations;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.util.List;

/** The read-only operations (status, get, query) on a registered Catchment's root. */
final class ReadSide {
  private ReadSide() {}

  static List<LineStatus> status(Env env, String catchment) {
    Registrations.Entry e = Catchments.entry(env, catchment);
    return e.isRemote() ? remote(e).status() : new StatusStore(Catchments.local(e)).all();
  }

  /** The HTTP client of a registration by URL (read-only: status, get, query). */
  static RemoteCatchment remote(Registrations.Entry e) {
    return new RemoteCatchment(
        e.name(), e.path(), e.keyFile() == null ? null : Path.of(e.keyFile()));
  }

  /**
   * The published directory of {@code ripple} of {@code pond}'s line ({@code version} optional).
   */
  static Path ripple(Env env, String catchment, String pond, String version, String ripple) {
    CatchmentLayout layout = local(env, catchment);
    LineId line = LineCommand.resolve(layout, pond, version).line();
    return new Generations(layout).ripple(line, ripple);
  }

  /** The published generation of {@code pond}'s line. */
  static Path generation(Env env, String catchment, String pond, String version) {
    CatchmentLayout layout = local(env, catchment);
    LineId line = LineCommand.resolve(layout, pond, version).line();
    return new Generations(layout)
        .current(line)
        .orElseThrow(
            () -> new DuckstringException(line + " has not published anything yet (pulse it)"));
  }

  static CatchmentLayout local(Env env, String catchment) {
    Registrations.Entry e = Catchments.entry(env, catchment);
    if (e.isRemote()) {
      throw new DuckstringException(
          "catchment '" + catchment + "' is an HTTP connection; this build reads local roots only");
    }
    return Catchments.local(e);
  }

  static void checkPond(CatchmentLayout layout, String pond) {
    new Deployments(layout).defaultLine(pond);
  }
}
