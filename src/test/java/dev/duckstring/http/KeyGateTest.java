package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate before routing: 401 without a valid key, /health open, the file followed as it changes.
 */
class KeyGateTest {
  @TempDir Path tmp;

  private final List<String> journal = new ArrayList<>();

  private Path keys(String... lines) throws Exception {
    Path f = tmp.resolve("keys");
    Path next = tmp.resolve("keys.new");
    Files.writeString(next, String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(next, PosixFilePermissions.fromString("rw-------"));
    Files.move(next, f, StandardCopyOption.REPLACE_EXISTING);
    return f;
  }

  private KeyGate gate(Path f) {
    return KeyGate.load(f, (event, fields) -> journal.add(event + " " + fields));
  }

  @Test
  void withoutAKeyFileEverythingPasses() {
    KeyGate g = KeyGate.open();
    assertNull(g.check("/api/status", null));
    assertNull(g.check("/", "Bearer nonsense"));
  }

  @Test
  void everyPathButHealthNeedsAValidBearerKey() throws Exception {
    KeyGate g = gate(keys(KeyFile.line("k1", "one"), KeyFile.line("k2", "two")));
    assertNull(g.check("/health", null));
    for (String path :
        List.of("/", "/metrics", "/api/status", "/dashboard.js", "/health/", "/api/ponds/x")) {
      Reply missing = g.check(path, null);
      assertEquals(401, missing.status(), path);
      assertEquals(KeyGate.CHALLENGE, missing.headers().get("WWW-Authenticate"));
      assertTrue(missing.text().contains(KeyGate.NEEDS_KEY), missing.text());
      for (String bad : List.of("Basic azE=", "Bearer", "Bearer   ", "k1", "Bearerk1")) {
        assertEquals(401, g.check(path, bad).status(), bad);
      }
      Reply wrong = g.check(path, "Bearer k3");
      assertEquals(401, wrong.status());
      assertTrue(wrong.text().contains(KeyGate.BAD_KEY), wrong.text());
      assertTrue(wrong.headers().get("WWW-Authenticate").contains("invalid_token"));
      assertNull(g.check(path, "Bearer k1"), path);
      assertNull(g.check(path, "bearer  k2 "), "the scheme is case-insensitive");
    }
    assertEquals(List.of(), journal, "nothing changed, nothing journaled");
  }

  @Test
  void aChangedFileIsReadAgainAndAnUnusableOneClosesTheView() throws Exception {
    Path f = keys(KeyFile.line("k1", null));
    KeyGate g = gate(f);
    assertNull(g.check("/api/status", "Bearer k1"));
    keys(KeyFile.line("k2", null)); // k1 revoked, k2 added
    assertEquals(401, g.check("/api/status", "Bearer k1").status());
    assertNull(g.check("/api/status", "Bearer k2"));
    assertEquals(List.of("keys_reloaded {file=" + f + ", keys=1}"), journal);

    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    Reply closed = g.check("/api/status", "Bearer k2");
    assertEquals(503, closed.status());
    assertTrue(closed.text().contains(KeyGate.UNUSABLE), closed.text());
    assertNull(g.check("/health", null), "/health still answers");
    assertTrue(journal.get(1).startsWith("keys_refused {"), journal.toString());
    assertTrue(journal.get(1).contains("open to its group or others (mode 0644)"), journal.get(1));
    assertEquals(503, g.check("/api/status", "Bearer k2").status());
    assertEquals(2, journal.size(), "one problem, journaled once");

    keys("not a hash");
    assertEquals(503, g.check("/api/status", "Bearer k2").status());
    assertTrue(journal.get(2).contains(f + ":1:1: error: expected 'sha256:'"), journal.get(2));
    Files.delete(f);
    assertEquals(503, g.check("/metrics", "Bearer k2").status());
    assertTrue(journal.get(3).contains("no such key file"), journal.get(3));

    keys(KeyFile.line("k2", null), KeyFile.line("k3", null));
    assertNull(g.check("/api/status", "Bearer k3"));
    assertEquals("keys_reloaded {file=" + f + ", keys=2}", journal.get(4));
  }

  @Test
  void loadRefusesABadFileInOneLine() throws Exception {
    Path f = keys(KeyFile.line("k1", null), "sha256:12");
    String m = assertThrows(DuckstringException.class, () -> gate(f)).getMessage();
    assertTrue(m.startsWith(f + ":2:8: error: expected 64 hex digits"), m);
    assertEquals(1, m.lines().count());
  }

  @Test
  void bearerTakesTheTokenAfterTheScheme() {
    assertEquals("abc", KeyGate.bearer("Bearer abc"));
    assertEquals("abc", KeyGate.bearer("  BEARER   abc  "));
    assertNull(KeyGate.bearer(null));
    assertNull(KeyGate.bearer("Basic abc"));
    assertNull(KeyGate.bearer("Bearer "));
  }
}
