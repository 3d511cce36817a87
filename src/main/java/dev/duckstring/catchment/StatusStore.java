package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Json;
import dev.duckstring.fs.JsonScan;
import dev.duckstring.model.LineId;
import java.nio.file.Path;
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

  /**
   * The status of {@code line} as last written, or null when there is none; read by {@link
   * StatusJson} when it is in the shape the daemon writes, else by {@code Json} (decision 59).
   */
  public LineStatus read(LineId line) {
    Path file = layout.status(line);
    String text = AtomicFiles.readStringOrNull(file);
    if (text == null) {
      return null;
    }
    LineStatus fast = StatusJson.read(text);
    return fast != null ? fast : Json.read(text, LineStatus.class, file.toString());
  }

  /**
   * The {@code state} word and {@code version} of {@code line}'s status.json without reading the
   * rest (decision 52), or null when there is none or it does not read as an object.
   */
  public Map<String, String> glance(LineId line) {
    return JsonScan.topLevelStrings(layout.status(line), Set.of("state", "version"));
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
