package dev.duckstring.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Json#topLevelStrings}: a glance at an object's top-level strings, or null. */
class JsonTopLevelTest {
  @TempDir Path tmp;

  @Test
  void readsTopLevelStringsAndSkipsTheRest() throws Exception {
    Path f = tmp.resolve("status.json");
    Files.writeString(
        f,
        "{\"line\": \"a@1\", \"nested\": {\"state\": \"failed\"}, \"state\": \"idle\","
            + " \"list\": [1, {\"version\": \"9\"}], \"version\": null}");
    Map<String, String> want = new HashMap<>();
    want.put("state", "idle");
    assertEquals(want, Json.topLevelStrings(f, Set.of("state", "version")));
  }

  @Test
  void absentOrMalformedIsNull() throws Exception {
    assertNull(Json.topLevelStrings(tmp.resolve("none.json"), Set.of("state")));
    Path f = tmp.resolve("bad.json");
    for (String text : new String[] {"", "[]", "{\"state\": \"idle\"", "{} {}", "nonsense"}) {
      Files.writeString(f, text);
      assertNull(Json.topLevelStrings(f, Set.of("state")), text);
    }
  }
}
