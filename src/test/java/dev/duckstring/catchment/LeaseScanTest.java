package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.duckstring.fs.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link LeaseFiles#scan} reads a lease file as gson reads it, or declines (decision 59). */
class LeaseScanTest {
  private static final Instant T = Instant.parse("2026-11-29T10:09:44Z");

  @Test
  void readsWhatTheHolderWritesPaddedOrNot() {
    for (Lease.Holder h :
        List.of(
            new Lease.Holder("vm", 31870, T, T.plusMillis(1500), 7, false),
            new Lease.Holder("h\u00e9st \"q\"", Long.MAX_VALUE, null, null, 0, true),
            new Lease.Holder("vm", 1, T, T))) {
      for (int size : new int[] {0, LeaseFiles.sizeFor(h)}) {
        String text = new String(LeaseFiles.render(h, size), StandardCharsets.UTF_8);
        assertEquals(h, LeaseFiles.scan(text), text);
        assertEquals(Json.read(text, Lease.Holder.class, "t"), LeaseFiles.scan(text));
      }
    }
  }

  @Test
  void anythingElseIsLeftToGson() {
    for (String text :
        List.of(
            "",
            "{\"host\": \"vm\"",
            "{\"host\": \"vm\", \"other\": 1}",
            "{\"pid\": \"12\"}",
            "{\"stopped\": \"true\"}",
            "{\"pid\": 1, \"pid\": 2}",
            "{\"started\": 5}",
            "{} {}",
            "null")) {
      assertNull(LeaseFiles.scan(text), text);
    }
  }
}
