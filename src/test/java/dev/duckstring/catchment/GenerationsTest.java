package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.fs.Dirs;
import dev.duckstring.fs.Trees;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing creates fresh, read-only generations and never touches an existing one. */
class GenerationsTest {
  @TempDir Path tmp;
  private static final LineId LINE = new LineId("p", 1);

  private Path output(String name, String content) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("work").resolve(name));
    Files.writeString(dir.resolve("f.txt"), content);
    return dir;
  }

  @Test
  void publishingTheSameRunAgainMakesANewGenerationAndMeasuresAgainstTheOneBefore()
      throws Exception {
    CatchmentLayout layout = new CatchmentLayout(tmp.resolve("root"));
    Generations g = new Generations(layout);
    assertTrue(g.publish(LINE, "A", Map.of("r", output("a", "1"))).changed());
    Generations.Publication b = g.publish(LINE, "B", Map.of("r", output("b", "2")));
    assertEquals(new Generations.Publication("B", true), b);
    Object key = Files.readAttributes(layout.generation(LINE, "B"), "fileKey").get("fileKey");
    Generations.Publication again = g.publish(LINE, "B", Map.of("r", output("b2", "2")));
    assertEquals(new Generations.Publication("B-1", true), again, "B changed A, and still does");
    assertEquals(key, Files.readAttributes(layout.generation(LINE, "B"), "fileKey").get("fileKey"));
    assertEquals("B-1", g.currentName(LINE).orElseThrow());
    assertEquals("B-2", g.publish(LINE, "B", Map.of("r", output("b3", "2"))).generation());
    assertFalse(g.publish(LINE, "C", Map.of("r", output("c", "2"))).changed());
    assertEquals(
        List.of("B-1", "B-2", "C", "CURRENT"), Dirs.names(layout.data(LINE)), "pruned A and B");
    Path f = layout.generation(LINE, "C").resolve("r/f.txt");
    assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    Trees.delete(layout.data(LINE));
    assertFalse(Files.exists(layout.data(LINE)));
  }

  @Test
  void aGenerationHandedToARunningReaderIsNotPrunedUntilItIsReleased() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(tmp.resolve("root"));
    Generations g = new Generations(layout);
    Set<Path> inUse = new HashSet<>();
    g.publish(LINE, "A", Map.of("r", output("a", "1")), inUse::contains);
    inUse.add(layout.generation(LINE, "A")); // a Sink's Ripple was handed A
    for (String run : List.of("B", "C", "D", "E")) {
      g.publish(LINE, run, Map.of("r", output(run, run)), inUse::contains);
    }
    assertEquals(
        List.of("A", "C", "CURRENT", "D", "E"), Dirs.names(layout.data(LINE)), "A kept, B pruned");
    assertEquals("1", Files.readString(layout.generation(LINE, "A").resolve("r/f.txt")));
    inUse.clear();
    g.publish(LINE, "F", Map.of("r", output("f", "F")), inUse::contains);
    assertEquals(
        List.of("CURRENT", "D", "E", "F"), Dirs.names(layout.data(LINE)), "released: pruned");
  }

  @Test
  void aHardLinkToAWritableFileElsewhereIsCopiedSoFreezingLeavesThatFileAlone() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(tmp.resolve("root"));
    Path outside = Files.writeString(tmp.resolve("outside.txt"), "mine");
    Path out = output("a", "1");
    Files.createLink(out.resolve("l.txt"), outside);
    new Generations(layout).publish(LINE, "A", Map.of("r", out));
    assertEquals(
        "rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(outside)));
    assertEquals("mine", Files.readString(layout.generation(LINE, "A").resolve("r/l.txt")));
  }

  @Test
  void aSymlinkInAnOutputFailsThePublishAndLeavesNothing() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(tmp.resolve("root"));
    Path out = output("a", "1");
    Files.createSymbolicLink(out.resolve("etc"), Path.of("/etc"));
    DuckstringException e =
        assertThrows(
            DuckstringException.class,
            () -> new Generations(layout).publish(LINE, "A", Map.of("r", out)));
    assertTrue(e.getMessage().contains("ripple 'r' wrote a symlink 'etc'"), e.getMessage());
    assertEquals(List.of(), Dirs.names(layout.data(LINE)));
    try (var s = Files.list(layout.data(LINE))) {
      assertEquals(0, s.count(), "no temporary left");
    }
  }
}
