package dev.duckstring.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tree deletion never follows a link and gets through read-only directories; listings skip
 * temporaries.
 */
class TreesTest {
  @TempDir Path tmp;

  @Test
  void deletesAReadOnlyTreeButNothingALinkInsideItPointsAt() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "mine");
    Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
    Files.writeString(tree.resolve("f.txt"), "x");
    Files.createSymbolicLink(tree.resolve("link"), outside);
    Files.setPosixFilePermissions(tree, PosixFilePermissions.fromString("r-xr-xr-x"));
    Trees.delete(tmp.resolve("tree"));
    assertFalse(Files.exists(tmp.resolve("tree")));
    assertEquals("mine", Files.readString(outside.resolve("keep.txt")));
    Trees.delete(tmp.resolve("tree")); // absent is fine
  }

  @Test
  void aLinkGivenAsTheRootIsRemovedItself() throws Exception {
    Path outside = Files.createDirectories(tmp.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "mine");
    Path link = Files.createSymbolicLink(tmp.resolve("link"), outside);
    Trees.delete(link);
    assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS));
    assertTrue(Files.exists(outside.resolve("keep.txt")));
  }

  @Test
  void listingsAreSortedNamesWithoutTemporaries() throws Exception {
    Files.createDirectories(tmp.resolve("d/b"));
    Files.writeString(tmp.resolve("d/a"), "");
    Files.writeString(tmp.resolve("d/.tmp-c.1234"), "");
    assertEquals(List.of("a", "b"), Dirs.names(tmp.resolve("d")));
    assertEquals(List.of(), Dirs.names(tmp.resolve("d/a")), "not a directory");
    assertEquals(List.of(), Dirs.names(tmp.resolve("none")));
  }

  @Test
  void temporariesGoWholeAndNothingElseDoes() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("line"));
    Files.createDirectories(dir.resolve(".tmp-gen.1234/r"));
    Files.writeString(dir.resolve(".tmp-gen.1234/r/f.txt"), "half");
    Files.writeString(dir.resolve(".tmp-status.json.5678"), "{");
    Files.writeString(dir.resolve(".hidden"), "kept");
    Files.createDirectories(dir.resolve("A"));
    Trees.deleteTemporaries(dir);
    try (Stream<Path> s = Files.list(dir)) {
      assertEquals(
          List.of(".hidden", "A"), s.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }
}
