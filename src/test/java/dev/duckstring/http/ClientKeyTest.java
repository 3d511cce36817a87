package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's key file: one key, private to its owner, never quoted in an error. */
class ClientKeyTest {
  @TempDir Path tmp;

  @Test
  void readsTheOneKeyOfAPrivateFile() throws Exception {
    Path f = tmp.resolve("dev.key");
    String key = KeyFile.newKey();
    Files.writeString(f, "# the key of prod\n\n  " + key + "  \r\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
    assertEquals(key, ClientKey.read(f));
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    String m = assertThrows(DuckstringException.class, () -> ClientKey.read(f)).getMessage();
    assertEquals(
        f
            + ": error: the key file is open to its group or others (mode 0644); run 'chmod 600 "
            + f
            + "'",
        m);
    assertEquals(
        tmp.resolve("none") + ": error: no such key file",
        assertThrows(DuckstringException.class, () -> ClientKey.read(tmp.resolve("none")))
            .getMessage());
  }

  @Test
  void refusesAnythingButExactlyOneWellFormedKey() {
    String[][] cases = {
      {"", "k: error: the key file holds no key"},
      {"# only a comment\n", "k: error: the key file holds no key"},
      {"abc\ndef\n", "k:2:1: error: a key file holds one key"},
      {"has space\n", "k:1:1: error: not a key"},
      {"Bearer: x\n", "k:1:1: error: not a key"},
      {"sec\u00e9ret\n", "k:1:1: error: not a key"},
    };
    for (String[] c : cases) {
      String m =
          assertThrows(DuckstringException.class, () -> ClientKey.parse("k", c[0]), c[0])
              .getMessage();
      assertTrue(m.startsWith(c[1]), m);
      assertFalse(m.contains("space") || m.contains("def") || m.contains("ret"), m);
    }
    assertEquals("a-b_c.d~e+f/g==", ClientKey.parse("k", "a-b_c.d~e+f/g==\n"));
  }
}
