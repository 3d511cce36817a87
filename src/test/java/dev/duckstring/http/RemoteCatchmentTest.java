package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemoteCatchmentTest {
  @TempDir Path tmp;

  @Test
  void unzipsARippleIntoTheTargetReplacingFiles() throws Exception {
    Path to = tmp.resolve("out");
    Files.createDirectories(to);
    Files.writeString(to.resolve("a.csv"), "old");
    int n = RemoteCatchment.unzip(zip("daily/a.csv", "daily/sub/b.txt"), "daily", to);
    assertEquals(2, n);
    assertEquals("daily/a.csv", Files.readString(to.resolve("a.csv")));
    assertEquals("daily/sub/b.txt", Files.readString(to.resolve("sub/b.txt")));
  }

  @Test
  void refusesEntriesThatWouldLandOutsideTheTarget() throws Exception {
    for (String evil :
        new String[] {
          "daily/../../evil.txt",
          "daily/../out2/x",
          "daily/sub/../../../evil",
          "../evil",
          "/etc/evil",
          "other/x.csv",
          "daily/",
          "daily//abs",
          "daily/a\\..\\..\\evil"
        }) {
      Path to = tmp.resolve("t" + Math.abs(evil.hashCode()));
      DuckstringException e =
          assertThrows(
              DuckstringException.class, () -> RemoteCatchment.unzip(zip(evil), "daily", to), evil);
      assertTrue(
          e.getMessage().contains("refusing entry") || e.getMessage().contains("unexpected entry"),
          e.getMessage());
    }
    assertFalse(Files.exists(tmp.resolve("evil.txt")));
    assertFalse(Files.exists(tmp.getParent().resolve("evil.txt")));
  }

  private static ByteArrayInputStream zip(String... names) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (String name : names) {
        z.putNextEntry(new ZipEntry(name));
        z.write(name.getBytes(StandardCharsets.UTF_8));
        z.closeEntry();
      }
    }
    return new ByteArrayInputStream(bytes.toByteArray());
  }
}
