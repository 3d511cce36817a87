package dev.duckstring.catchment;

import dev.duckstring.fs.Json;
import dev.duckstring.model.LineId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** status.json per line: the daemon writes, the CLI and HTTP view read. */
public final class StatusStore {
  private final CatchmentLayout layout;
  private final Deployments deployments;

  public StatusStore(CatchmentLayout layout) {
    this.layout = layout;
    this.deployments = new Deployments(layout);
  }

  /** Writes status.json; it is derived from state.json and run records, so it is not fsynced. */
  public void write(LineId line, LineStatus status) {
    Json.writeFileUnsynced(layout.status(line), status);
    RootChanges.of(layout).changed();
  }

  public LineStatus read(LineId line) {
    return Json.readFile(layout.status(line), LineStatus.class);
  }

  /**
   * The {@code state} word and {@code version} of {@code line}'s status.json without reading the
   * rest (decision 52), or null when there is none or it does not read as an object.
   */
  public Map<String, String> glance(LineId line) {
    return Json.topLevelStrings(layout.status(line), Set.of("state", "version"));
  }

  /** Every line's status that the daemon has written, by Pond then major. */
  public List<LineStatus> all() {
    List<LineStatus> out = new ArrayList<>();
    for (String pond : deployments.ponds()) {
      for (int major : deployments.majors(pond)) {
        LineStatus s = read(new LineId(pond, major));
        if (s != null) {
          out.add(s);
        }
      }
    }
    return out;
  }
}
