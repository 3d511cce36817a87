package dev.duckstring.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void writesCreatesParentsAndReplacesWholeFiles() throws Exception {
    Path f = dir.resolve("a/b/status.json");
    AtomicFiles.writeString(f, "first");
    AtomicFiles.writeString(f, "second");
    assertEquals("second", Files.readString(f));
    try (Stream<Path> s = Files.list(f.getParent())) {
      assertEquals(List.of("status.json"), s.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void leavesNoTemporaryBehindOnFailure() throws Exception {
    Files.createDirectories(dir.resolve("taken"));
    Files.writeString(dir.resolve("taken/x"), "x");
    assertThrows(
        DuckstringException.class, () -> AtomicFiles.writeString(dir.resolve("taken"), "y"));
    assertEquals(List.of("taken"), names());
  }

  @Test
  void temporaryNamesAreSkippedByScanners() {
    String tmp = AtomicFiles.tempName("pulse");
    assertTrue(AtomicFiles.isTemporary(tmp));
    assertFalse(AtomicFiles.isTemporary("pulse"));
    assertTrue(tmp.contains("pulse"));
  }

  @Test
  void readsMissingAsNull() {
    assertNull(AtomicFiles.readStringOrNull(dir.resolve("none")));
  }

  record Sample(String name, Instant at, List<Instant> targets) {}

  @Test
  void jsonRoundTripsRecordsWithInstants() {
    Sample s = new Sample("x", Instant.parse("2026-01-01T00:00:00.123Z"), List.of(Instant.EPOCH));
    Json.writeFile(dir.resolve("s.json"), s);
    assertEquals(s, Json.readFile(dir.resolve("s.json"), Sample.class));
    assertTrue(Json.line(s).startsWith("{\"name\":\"x\",\"at\":\"2026-01-01T00:00:00.123Z\""));
    String e =
        assertThrows(DuckstringException.class, () -> Json.read("{", Sample.class, "f.json"))
            .getMessage();
    assertTrue(e.startsWith("f.json: error: invalid JSON"), e);
  }

  @Test
  void aTreeIsForcedHereOnlyWhenItHoldsMoreFilesThanTheLimit() throws Exception {
    Path small = Files.createDirectories(dir.resolve("small/t"));
    Files.writeString(small.resolve("t.parquet"), "x");
    assertFalse(AtomicFiles.fsyncTreeIfLarger(dir.resolve("small"), 1));
    Path large = Files.createDirectories(dir.resolve("large/a/b"));
    Files.writeString(dir.resolve("large/one"), "1");
    Files.writeString(large.resolve("two"), "2");
    assertTrue(AtomicFiles.fsyncTreeIfLarger(dir.resolve("large"), 1));
    assertFalse(AtomicFiles.fsyncTreeIfLarger(dir.resolve("large"), 2)); // directories don't count
  }
}
