package dev.duckstring.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link Engine#changed} names every line whose view or saved state changed (decision 60): random
 * events, ticks, Ripple ends, publishes and graph changes on the virtual clock, each followed by a
 * full comparison with the views and states before it.
 */
class ChangedLinesTest {
  private long named;
  private long lines;

  @Test
  void everyLineWhoseViewOrStateChangedIsNamed() {
    for (long seed = 1; seed <= 60; seed++) {
      run(seed);
    }
    // Not every line every time: what is named is what changed, about (blocks flip whole chains).
    assertTrue(named * 2 < lines, named + " lines named of " + lines);
  }

  private void run(long seed) {
    Random rnd = new Random(seed);
    Instant now = Sim.T0;
    Engine engine = new Engine(RandomEvents.graph(rnd, 5), Sim::everyTenSeconds);
    List<Action> pending = new ArrayList<>();
    Map<LineId, Object> before = full(engine);
    assertEquals(before.keySet(), engine.changed(), "a new engine: every line");
    for (int step = 0; step < 400; step++) {
      now = now.plus(Duration.ofMillis(1 + rnd.nextInt(4000)));
      Instant at = now;
      RandomEvents.Step event = RandomEvents.next(rnd, engine, pending, at);
      String what = "seed " + seed + " step " + step;
      pending.addAll(event.on(engine, at));
      Map<LineId, Object> after = full(engine);
      Set<LineId> changed = engine.changed();
      named += changed.size();
      lines += after.size();
      Set<LineId> differ = new TreeSet<>();
      for (LineId id : after.keySet()) {
        if (!Objects.equals(before.get(id), after.get(id))) {
          differ.add(id);
        }
      }
      Set<LineId> missed = new TreeSet<>(differ);
      missed.removeAll(changed);
      assertTrue(missed.isEmpty(), what + ": changed but not named: " + missed);
      before = after;
    }
  }

  /** The view and saved state of every line (the views' instant plays no part). */
  private static Map<LineId, Object> full(Engine engine) {
    Map<LineId, Object> all = new HashMap<>();
    Map<LineId, EngineSnapshot.LineState> states = engine.snapshot().lines();
    engine.views(Sim.T0).forEach((id, v) -> all.put(id, List.of(v, states.get(id))));
    return all;
  }
}
