package dev.duckstring.cli;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.Generations;
import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.PublishedLines;
import dev.duckstring.catchment.StatusStore;
import dev.duckstring.http.RemoteCatchment;
import dev.duckstring.manifest.Registrations;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondPin;
import dev.duckstring.runner.QueryScope;
import dev.duckstring.runner.SqlPins;
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

  /** The published directory of {@code ripple} of the line {@code pin} names (decision 46). */
  static Path ripple(Env env, String catchment, PondPin pin, String ripple) {
    CatchmentLayout layout = local(env, catchment);
    PublishedLines.Read read = new PublishedLines(layout).read(pin);
    return new Generations(layout).ripple(read.line(), ripple);
  }

  /** A query's SQL as it runs (pins quoted) and the published data it reads. */
  record Scoped(QueryScope scope, String sql) {}

  /**
   * What {@code sql} (null for none) reads over the line {@code pin} names: that line's generation
   * and the generation of every {@code POND@PIN} it names (decision 46).
   */
  static Scoped scope(Env env, String catchment, PondPin pin, String sql) {
    SqlPins.Pinned pinned = sql == null ? null : SqlPins.find(sql, pin.pond());
    PublishedLines lines = new PublishedLines(local(env, catchment));
    QueryScope scope = QueryScope.of(pin.pond(), lines.read(pin).generation());
    if (pinned == null) {
      return new Scoped(scope, null);
    }
    for (String p : pinned.pins()) {
      scope = scope.withPin(p, lines.read(new PondPin(pin.pond(), p)).generation());
    }
    return new Scoped(scope, pinned.sql());
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
