package dev.duckstring.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chaos verifier reports each kind of damage it exists for, and nothing on a sound root. */
class ChaosCheckTest {
  @TempDir Path tmp;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
  private static final Map<String, List<String>> EXPECT = Map.of("p", List.of("t", "many"));

  private Path root() {
    return tmp.resolve("root");
  }

  private Path data() {
    return root().resolve("ponds/p/m1/data");
  }

  private void publish(String gen, int files, int count) throws Exception {
    Path g = data().resolve(gen);
    Files.createDirectories(g.resolve("t"));
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      st.execute("COPY (SELECT 1 AS x) TO '" + g.resolve("t/t.parquet") + "' (FORMAT parquet)");
    }
    Files.createDirectories(g.resolve("many/files"));
    for (int i = 0; i < files; i++) {
      Files.writeString(g.resolve("many/files/f" + i), i + "\n");
    }
    Files.writeString(g.resolve("many/count.txt"), count + "\n");
    Files.writeString(data().resolve("CURRENT"), gen + "\n");
  }

  private String generations() throws Exception {
    return ChaosCheck.generations(root(), tmp.resolve("inodes.txt"), EXPECT, out);
  }

  @Test
  void aCompleteGenerationPasses() throws Exception {
    publish("g1", 3, 3);
    assertEquals("result lines=1 torn=0 rewritten=0", generations());
  }

  @Test
  void currentNamingAMissingDirectoryIsTorn() throws Exception {
    Files.createDirectories(data());
    Files.writeString(data().resolve("CURRENT"), "g9\n");
    assertEquals("result lines=1 torn=1 rewritten=0", generations());
  }

  @Test
  void aMissingRippleAFileShortOrABadParquetIsTorn() throws Exception {
    publish("g1", 2, 3);
    assertEquals("result lines=1 torn=1 rewritten=0", generations());
    publish("g2", 3, 3);
    Files.writeString(data().resolve("g2/t/t.parquet"), "PAR1 not really");
    assertEquals("result lines=1 torn=1 rewritten=0", generations());
    publish("g3", 3, 3);
    Files.delete(data().resolve("g3/t/t.parquet"));
    Files.delete(data().resolve("g3/t"));
    assertTrue(generations().contains("torn=1"), printed.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aGenerationDeletedAndBuiltAgainIsRewritten() throws Exception {
    publish("g1", 3, 3);
    generations();
    Files.move(data().resolve("g1"), data().resolve(".old"));
    publish("g1", 3, 3);
    assertEquals("result lines=1 torn=0 rewritten=1", generations());
  }

  @Test
  void signalsAreConsumedLostPendingOrClaimedTwice() throws Exception {
    Files.createDirectories(root().resolve("ponds/p/signals/claimed"));
    Files.writeString(
        root().resolve("events.log"),
        String.join(
            "\n",
            "{\"event\":\"signal\",\"line\":\"p@1\",\"file\":\"tap.1\",\"claimed_at\":\"2026-01-01T00:00:00.123456789Z\"}",
            "{\"event\":\"signal\",\"line\":\"p@1\",\"file\":\"tap.1\",\"claimed_at\":\"2026-01-01T00:00:00.123Z\"}",
            "{\"event\":\"signal\",\"line\":\"p@1\",\"file\":\"tap.2\",\"claimed_at\":\"A\"}",
            "{\"event\":\"signal\",\"line\":\"p@1\",\"file\":\"tap.2\",\"claimed_at\":\"B\"}",
            "{\"event\":\"sig",
            ""));
    Files.writeString(root().resolve("ponds/p/signals/tap.3"), "");
    Files.writeString(root().resolve("ponds/p/signals/claimed/17-000001-tap.4"), "");
    Path dropped = tmp.resolve("dropped.txt");
    Files.writeString(dropped, "p tap.1\np tap.2\np tap.3\np tap.4\np tap.5\n");
    assertEquals(
        "result dropped=5 consumed=2 pending=2 lost=1 double=1 rejected=0 garbled=1 reused=0",
        ChaosCheck.signals(root(), dropped, out));
  }

  @Test
  void aSignalJournaledBeforeARotationIsConsumed() throws Exception {
    Files.createDirectories(root().resolve("ponds/p/signals/claimed"));
    String tap1 =
        "{\"event\":\"signal\",\"line\":\"p@1\",\"file\":\"tap.1\",\"claimed_at\":\"A\"}\n";
    Files.writeString(root().resolve("events.log.2"), tap1);
    Files.writeString(root().resolve("events.log.1"), tap1.replace("tap.1", "tap.2"));
    Files.writeString(root().resolve("events.log"), "");
    Path dropped = tmp.resolve("dropped.txt");
    Files.writeString(dropped, "p tap.1\np tap.2\n");
    assertEquals(
        "result dropped=2 consumed=2 pending=0 lost=0 double=0 rejected=0 garbled=0 reused=0",
        ChaosCheck.signals(root(), dropped, out));
  }
}
