package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.fs.Dirs;
import dev.duckstring.model.LineId;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A group commit replaces each file atomically, phase by phase; a failed file spoils no other. */
class GroupCommitTest {
  @TempDir Path tmp;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void replacesEveryFileAndLeavesNoTemporary() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      GroupCommit c = new GroupCommit();
      Path a = tmp.resolve("x/a.json");
      Path b = tmp.resolve("y/b.json");
      Files.createDirectories(a.getParent());
      Files.writeString(a, "old");
      c.add(GroupCommit.Phase.STATE, a, bytes("first"));
      c.add(GroupCommit.Phase.STATE, a, bytes("new")); // a later add wins
      c.add(GroupCommit.Phase.RECORDS, b, bytes("rec"));
      c.force(GroupCommit.Phase.RECORDS, tmp);
      List<String> problems = new ArrayList<>();
      assertEquals(Set.of(), c.commit(pool, problems::add));
      assertEquals("new", Files.readString(a));
      assertEquals("rec", Files.readString(b));
      assertEquals(List.of("a.json"), Dirs.names(a.getParent()));
      assertEquals(List.of("b.json"), Dirs.names(b.getParent()));
      assertEquals(List.of(), problems);
      assertTrue(c.isEmpty(), "a commit empties it");
      assertEquals(Set.of(), c.commit(pool, problems::add), "nothing left to commit");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aFileThatCannotBeWrittenIsReportedAndTheOthersAreCommitted() throws Exception {
    Files.writeString(tmp.resolve("blocker"), "a file where a directory should be");
    Path bad = tmp.resolve("blocker/state.json");
    Path good = tmp.resolve("ok/state.json");
    GroupCommit c = new GroupCommit();
    c.add(GroupCommit.Phase.RECORDS, bad, bytes("x"));
    c.add(GroupCommit.Phase.STATE, good, bytes("y"));
    List<String> problems = new ArrayList<>();
    assertEquals(Set.of(bad), c.commit(null, problems::add));
    assertEquals("y", Files.readString(good));
    assertEquals(1, problems.size());
    assertTrue(problems.get(0).contains("blocker"), problems.get(0));
  }

  @Test
  void aPublishWithACommitLeavesTheLastForceOfDataToIt() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(tmp.resolve("root"));
    LineId line = new LineId("p", 1);
    Path out = Files.createDirectories(tmp.resolve("work/r"));
    Files.writeString(out.resolve("f.txt"), "1");
    GroupCommit c = new GroupCommit();
    Generations.Publication p =
        new Generations(layout).publish(line, "A", Map.of("r", out), d -> false, c, Set.of("r"));
    assertEquals("A", p.generation());
    assertEquals("A\n", Files.readString(layout.current(line)));
    assertEquals(List.of("A", "CURRENT"), Dirs.names(layout.data(line)), "no temporary left");
    assertTrue(!c.isEmpty(), "data/ is forced with the batch");
    assertEquals(Set.of(), c.commit(null, m -> {}));
  }
}
