package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.duckstring.fs.Json;
import dev.duckstring.model.DataTest;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import dev.duckstring.model.TestResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link StatusJson} reads the record gson reads from every status.json it accepts, and declines
 * (null, so gson reads it) whatever it does not know (decision 59).
 */
class StatusJsonTest {
  private static final Instant T = Instant.parse("2026-11-29T10:09:52.494144176Z");

  /** A status with every field set to something other than its default. */
  static LineStatus full() {
    return LineStatus.of(
            new LineId("orders", 2), "2.1.0", List.of("2.0.0", "2.1.0"), List.of("a@1"))
        .withState(LineState.RUNNING)
        .withDemand(true, List.of(T, T.plusSeconds(1)))
        .withFreshness(T, T.plusMillis(5), Instant.parse("2026-01-01T00:00:00Z"))
        .withRuns(
            2,
            41,
            new LineStatus.LastRun(
                "r1", RunOutcome.SUCCESS, T, T.plusSeconds(3), new TestSummary(7, List.of())))
        .withTrigger("wave 1h")
        .withError("it broke: \"quoted\" \u00e9\n second line")
        .withBlocks(List.of("x@1"), List.of("y@2"))
        .withUpdatedAt(T.plusNanos(1))
        .withCode("2.0.0", true)
        .withHeld(List.of("pull"))
        .withRetries(new LineStatus.Retries(3, 1, 2, 0, "ops"))
        .withReceived(
            List.of(
                new LineStatus.Receipt("pulse.1", "pulse", T, "r1", "success"),
                new LineStatus.Receipt("tap.2", "tap", T, null, null)))
        .withDeprecated("use orders@3")
        .withYanked(List.of("1.9.0"))
        .withContract(
            new ContractStatus("ponds/orders/m2/contract.json", 2, 10, List.of("x"), null));
  }

  @Test
  void readsEveryFieldAsGsonDoes() {
    String text = Json.write(full());
    LineStatus fast = StatusJson.read(text);
    assertNotNull(fast, "StatusJson must know every field LineStatus writes: " + text);
    assertEquals(Json.read(text, LineStatus.class, "t"), fast);
    assertEquals(full(), fast);
    String minimal = Json.write(LineStatus.of(new LineId("a", 1), null, List.of(), List.of()));
    assertEquals(Json.read(minimal, LineStatus.class, "t"), StatusJson.read(minimal));
  }

  @Test
  void failingTestsAndUnknownFieldsAreLeftToGson() {
    TestResult bad =
        new TestResult(
            "not_null", DataTest.Severity.ERROR, "t.sql", 2, List.of("id"), List.of(), 3, null);
    String failing =
        Json.write(
            full()
                .withRuns(
                    0,
                    1,
                    new LineStatus.LastRun(
                        "r", RunOutcome.FAILED, T, T, new TestSummary(1, List.of(bad)))));
    assertNull(StatusJson.read(failing));
    JsonObject o = JsonParser.parseString(Json.write(full())).getAsJsonObject();
    o.addProperty("addedLater", 1);
    assertNull(StatusJson.read(o.toString()));
    assertNull(StatusJson.read(Json.write(full()) + "{}"));
    assertNull(StatusJson.read("{\"line\": \"a\", \"line\": \"b\"}"));
  }

  /**
   * Every single change of a value's type, a null, or a missing field: never a different record.
   */
  @Test
  void whateverItAcceptsGsonReadsTheSame() {
    JsonObject base = JsonParser.parseString(Json.write(full())).getAsJsonObject();
    List<JsonObject> variants = new ArrayList<>();
    for (List<String> path : paths(base, List.of())) {
      for (JsonElement v : replacements()) {
        JsonObject copy = base.deepCopy();
        set(copy, path, v);
        variants.add(copy);
      }
      JsonObject copy = base.deepCopy();
      set(copy, path, null);
      variants.add(copy);
    }
    int accepted = 0;
    for (JsonObject v : variants) {
      String text = v.toString();
      LineStatus fast = StatusJson.read(text);
      if (fast != null) {
        accepted++;
        assertEquals(Json.read(text, LineStatus.class, "t"), fast, text);
      }
    }
    assertTrue(accepted > variants.size() / 4, accepted + " of " + variants.size());
  }

  private static List<JsonElement> replacements() {
    JsonArray strings = new JsonArray();
    strings.add("x");
    JsonArray mixed = new JsonArray();
    mixed.add(JsonNull.INSTANCE);
    mixed.add(1);
    return List.of(
        JsonNull.INSTANCE,
        new JsonPrimitive("2026-11-29T10:09:52Z"),
        new JsonPrimitive("7"),
        new JsonPrimitive("idle"),
        new JsonPrimitive(7),
        new JsonPrimitive(1.5),
        new JsonPrimitive(3_000_000_000L),
        new JsonPrimitive(true),
        strings,
        mixed,
        new JsonArray(),
        new JsonObject());
  }

  /** The paths of every field, nested objects and the objects in arrays included. */
  private static List<List<String>> paths(JsonObject o, List<String> prefix) {
    List<List<String>> out = new ArrayList<>();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      List<String> p = new ArrayList<>(prefix);
      p.add(e.getKey());
      out.add(p);
      if (e.getValue().isJsonObject()) {
        out.addAll(paths(e.getValue().getAsJsonObject(), p));
      } else if (e.getValue().isJsonArray()
          && !e.getValue().getAsJsonArray().isEmpty()
          && e.getValue().getAsJsonArray().get(0).isJsonObject()) {
        List<String> first = new ArrayList<>(p);
        first.add("0");
        out.addAll(paths(e.getValue().getAsJsonArray().get(0).getAsJsonObject(), first));
      }
    }
    return out;
  }

  /** Sets (or, for null, removes) the field at {@code path}. */
  private static void set(JsonObject root, List<String> path, JsonElement value) {
    JsonElement at = root;
    for (String step : path.subList(0, path.size() - 1)) {
      at =
          at.isJsonArray()
              ? at.getAsJsonArray().get(Integer.parseInt(step))
              : at.getAsJsonObject().get(step);
    }
    String last = path.get(path.size() - 1);
    if (value == null) {
      at.getAsJsonObject().remove(last);
    } else {
      at.getAsJsonObject().add(last, value);
    }
  }
}
