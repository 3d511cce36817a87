package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's key file: its lines, its permissions, and the constant-time check. */
class KeyFileTest {
  @TempDir Path tmp;

  private static final String KEY = "correct-horse-battery-staple";

  @Test
  void acceptsExactlyTheKeysWhoseHashesItHolds() {
    String text =
        "# keys of dev\n\n"
            + KeyFile.line(KEY, "laptop")
            + "\r\n   "
            + KeyFile.line("other", null).toUpperCase(Locale.ROOT).replace("SHA256", "sha256")
            + "\t# upper-case hex is fine\n  # an indented comment\n";
    KeyFile f = KeyFile.parse("keys", text);
    assertEquals(2, f.size());
    assertTrue(f.accepts(KEY));
    assertTrue(f.accepts("other"));
    for (String wrong :
        new String[] {"", KEY + " ", KEY.substring(1), "Correct-horse-battery-staple"}) {
      assertFalse(f.accepts(wrong), wrong);
    }
    assertFalse(KeyFile.parse("keys", "").accepts(KEY), "an empty file accepts no key");
  }

  @Test
  void theLineIsTheSha256OfTheKeyAndItsLabel() {
    assertEquals(
        "sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 ci runner",
        KeyFile.line("hello", "  ci runner "));
    assertEquals(
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        HexFormat.of().formatHex(KeyFile.sha256("hello")));
  }

  @Test
  void newKeysAre32RandomBytesInBase64Url() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String k = KeyFile.newKey();
      assertTrue(k.matches("[A-Za-z0-9_-]{43}"), k);
      assertTrue(ClientKey.wellFormed(k), k);
      seen.add(k);
    }
    assertEquals(100, seen.size());
  }

  @Test
  void aMalformedLineIsNamedByFileLineAndColumnWithoutQuotingIt() {
    String good = KeyFile.line(KEY, null);
    String[][] cases = {
      {good + "\n" + KEY + "\n", "keys:2:1: error: expected 'sha256:' and 64 hex digits"},
      {"\n  sha256:abc\n", "keys:2:10: error: expected 64 hex digits after 'sha256:'"},
      {"md5:" + good.substring(7) + "\n", "keys:1:1: error: expected 'sha256:'"},
      {KeyFile.PREFIX + "g" + good.substring(8) + "\n", "keys:1:8: error: expected 64 hex digits"},
      {good + " label\u0007\n", "keys:1:78: error: a label may not hold control characters"},
    };
    for (String[] c : cases) {
      String m =
          assertThrows(DuckstringException.class, () -> KeyFile.parse("keys", c[0])).getMessage();
      assertTrue(m.startsWith(c[1]), m);
      assertEquals(1, m.lines().count(), m);
      assertFalse(m.contains(KEY), "the line is never quoted: " + m);
    }
  }

  @Test
  void readRefusesAFileOpenToGroupOrOthersOrMissing() throws Exception {
    Path f = tmp.resolve("keys");
    String missing = assertThrows(DuckstringException.class, () -> KeyFile.read(f)).getMessage();
    assertEquals(
        f + ": error: no such key file (add a key with 'duckstring catchment key')", missing);
    Files.writeString(f, KeyFile.line(KEY, "x") + "\n");
    for (String mode : new String[] {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw------x"}) {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
      String m = assertThrows(DuckstringException.class, () -> KeyFile.read(f), mode).getMessage();
      assertTrue(
          m.startsWith(f + ": error: the key file is open to its group or others (mode 0"), m);
      assertTrue(m.endsWith("run 'chmod 600 " + f + "'"), m);
    }
    for (String mode : new String[] {"rw-------", "r--------"}) {
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
      assertTrue(KeyFile.read(f).accepts(KEY), mode);
    }
    Path dir = Files.createDirectories(tmp.resolve("d"));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    assertEquals(
        dir + ": error: not a regular file",
        assertThrows(DuckstringException.class, () -> KeyFile.read(dir)).getMessage());
  }

  @Test
  void readRefusesAFileOwnedByAnotherUser() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a file away");
    Path f = tmp.resolve("keys");
    Files.writeString(f, KeyFile.line(KEY, null) + "\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    UserPrincipal nobody =
        f.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
    Files.setOwner(f, nobody);
    String m = assertThrows(DuckstringException.class, () -> KeyFile.read(f)).getMessage();
    assertTrue(m.startsWith(f + ": error: the key file is owned by uid "), m);
    assertTrue(m.contains("not by the daemon's user (uid 0)"), m);
  }

  @Test
  void aKeyFileUnderPondsIsRefused() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path ponds = Files.createDirectories(root.resolve("ponds"));
    KeyFile.checkOutside(root.resolve("keys"), ponds);
    KeyFile.checkOutside(tmp.resolve("elsewhere/keys"), ponds);
    for (Path bad :
        new Path[] {
          ponds.resolve("outlet/keys"), root.resolve("x/../ponds/keys"), ponds.resolve("keys")
        }) {
      String m =
          assertThrows(DuckstringException.class, () -> KeyFile.checkOutside(bad, ponds))
              .getMessage();
      assertTrue(m.contains("the key file may not lie under " + ponds), m);
    }
    Files.createSymbolicLink(root.resolve("data"), ponds);
    assertThrows(
        DuckstringException.class, () -> KeyFile.checkOutside(root.resolve("data/keys"), ponds));
  }
}
