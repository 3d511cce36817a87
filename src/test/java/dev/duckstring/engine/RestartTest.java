package dev.duckstring.engine;

import static dev.duckstring.engine.Graphs.id;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.model.Trigger;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Snapshot, restore and resume: a restarted engine behaves exactly like the one it replaced. */
final class RestartTest {
  private static final LineId P1 = id("p1");
  private static final LineId P2 = id("p2");
  private static final Set<Type> PLAIN =
      Set.of(Instant.class, Duration.class, String.class, boolean.class, int.class, long.class);

  private static Graph graph() {
    return new Graphs()
        .line("p1")
        .ripple("r1")
        .ripple("r2")
        .ripple("r3", "r1", "r2")
        .line("p2")
        .source("p1")
        .ripple("s1")
        .line("p3")
        .source("p2")
        .ripple("t1")
        .build();
  }

  @Test
  void restoredEngineBehavesIdentically() {
    Sim original = new Sim(graph()).duration("r2", 2.5).duration("s1", 3);
    original.apply(new Event.SetTrigger(P2, new Trigger.Wave()));
    original.apply(new Event.SetTrigger(id("p3"), new Trigger.Tide(Duration.ofSeconds(4))));
    original.apply(new Event.SetTrigger(P1, new Trigger.Cron("*/10 * * * * *", false)));
    original.failures.put("t1", Set.of(2));
    original.runFor(11.5);
    EngineSnapshot snapshot = original.engine.snapshot();
    Engine restored = Engine.restore(graph(), snapshot, Sim::everyTenSeconds);
    assertEquals(snapshot, restored.snapshot());
    assertEquals(original.engine.views(original.now), restored.views(original.now));
    assertEquals(original.engine.nextWake(original.now), restored.nextWake(original.now));
    Sim twin = original.fork(restored);
    int mark = original.log.size();
    original.runFor(40);
    twin.runFor(40);
    assertTrue(original.log.size() - mark > 20);
    assertEquals(original.log.subList(mark, original.log.size()), twin.log);
    assertEquals(original.engine.snapshot(), twin.engine.snapshot());
  }

  @Test
  void resumeRedispatchesOnlyIncompleteRipples() {
    Sim sim = new Sim(graph()).duration("r2", 3);
    sim.apply(new Event.Pulse(P2));
    sim.runFor(1.5);
    // r1 finished, r2 still running, r3 waits on r2: only r2 is re-dispatched.
    sim.forgetPending();
    Engine restored = Engine.restore(graph(), sim.engine.snapshot(), Sim::everyTenSeconds);
    assertEquals(List.of(new Action.StartRipple(P1, "r2", Sim.T0)), restored.resume(sim.now));
    Sim twin = sim.fork(restored);
    twin.carryOut(List.of(new Action.StartRipple(P1, "r2", Sim.T0)));
    twin.runFor(20);
    assertEquals(Sim.T0, twin.view(P2).endF());
    assertEquals(1, twin.view(P1).runsCompleted());
  }

  @Test
  void resumeRepublishesRunsWhosePublishNeverAnswered() {
    Sim sim = new Sim(graph());
    sim.autoPublish = false;
    sim.apply(new Event.Pulse(P1));
    sim.runFor(5);
    assertEquals(List.of(new Action.Publish(P1, Sim.T0)), sim.actions(Action.Publish.class, P1));
    Engine restored = Engine.restore(graph(), sim.engine.snapshot(), Sim::everyTenSeconds);
    assertEquals(List.of(new Action.Publish(P1, Sim.T0)), restored.resume(sim.now));
    assertEquals(List.of(), restored.apply(new Event.Published(P1, Sim.T0, true), sim.now));
    assertEquals(Sim.T0, restored.views(sim.now).get(P1).endF());
  }

  @Test
  void snapshotHoldsOnlyPlainSerializableTypes() {
    checkPlain(EngineSnapshot.LineState.class);
  }

  private static void checkPlain(Class<?> record) {
    assertTrue(record.isRecord(), record + " is not a record");
    for (RecordComponent c : record.getRecordComponents()) {
      checkType(c.getGenericType(), record.getSimpleName() + "." + c.getName());
    }
  }

  private static void checkType(Type type, String where) {
    if (PLAIN.contains(type)) {
      return;
    }
    if (type instanceof ParameterizedType) {
      ParameterizedType p = (ParameterizedType) type;
      Type[] args = p.getActualTypeArguments();
      if (p.getRawType() == List.class) {
        checkType(args[0], where + "[]");
        return;
      }
      if (p.getRawType() == Map.class) {
        assertEquals(String.class, args[0], where + " has non-String keys");
        checkType(args[1], where + "{}");
        return;
      }
    }
    if (type instanceof Class<?> && ((Class<?>) type).isRecord()) {
      checkPlain((Class<?>) type);
      return;
    }
    throw new AssertionError(where + " has type " + type);
  }
}
