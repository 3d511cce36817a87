package dev.duckstring.engine;

import dev.duckstring.model.LineId;
import java.util.Map;

/** The engine's whole state as plain records, persisted per line by the daemon (state.json). */
public record EngineSnapshot(Map<LineId, LineState> lines) {
  public EngineSnapshot {
    lines = Map.copyOf(lines);
  }

  /** One line's state; the engine defines its fields. */
  public record LineState() {}
}
