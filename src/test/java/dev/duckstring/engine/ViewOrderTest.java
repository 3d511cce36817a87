package dev.duckstring.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duckstring.model.LineId;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * {@link Engine#views(java.util.Collection)} lists Sources before Sinks whatever order it is asked
 * in: the daemon writes status files in that order, so a reader who sees a Sink's new run sees its
 * Sources' (TriggersIT reads an Inlet's status right after its Outlet's).
 */
class ViewOrderTest {
  @Test
  void viewsComeSourcesFirstWhateverTheOrderAsked() {
    Graphs g = new Graphs();
    g.line("z").ripple("t");
    g.line("m").source("z").ripple("t");
    g.line("a").source("m").ripple("t");
    g.line("b").source("z").ripple("t");
    Engine engine = new Engine(g.build(), Sim::everyTenSeconds);
    LineId a = Graphs.id("a");
    LineId b = Graphs.id("b");
    LineId m = Graphs.id("m");
    LineId z = Graphs.id("z");

    assertEquals(List.of(z, m, a), List.copyOf(engine.views(List.of(a, z, m)).keySet()));
    Set<LineId> byName = new TreeSet<>(List.of(a, b, m, z));
    assertEquals(List.of(z, b, m, a), List.copyOf(engine.views(byName).keySet()));
    assertEquals(
        List.of(z, a),
        List.copyOf(engine.views(List.of(a, Graphs.id("gone"), z)).keySet()),
        "a line not in the graph has no view");
  }
}
