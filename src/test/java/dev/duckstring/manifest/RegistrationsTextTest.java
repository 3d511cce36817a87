package dev.duckstring.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parser-free reader of config.toml agrees with the TOML parser, or leaves the file to it. */
class RegistrationsTextTest {
  @TempDir Path tmp;

  @Test
  void whatRegistrationsWritesReadsTheSameWithoutTheParser() throws Exception {
    Path file = tmp.resolve("config.toml");
    Registrations.load(file)
        .put("dev", "/data/dev", 5000)
        .put("prod", "http://h:1", null)
        .put(new Registrations.Entry("odd_1", "/a \"q\" \\b\tc\nd é", 0, "/k\\\"ey"))
        .put(new Registrations.Entry("x2", "/p", null, "/home/me/x.key"));
    String text = Files.readString(file);
    assertNotNull(RegistrationsText.read(text), text);
    assertEquals(Registrations.parse("f", text), RegistrationsText.read(text));
    assertEquals("/a \"q\" \\b\tc\nd é", Registrations.load(file).require("odd_1").path());
  }

  @Test
  void theSameShapeWrittenByHandAgrees() {
    for (String text :
        List.of(
            "",
            "# only a comment\n",
            "[catchments.dev]\npath = \"/r\"\n",
            "[catchments.dev]\r\npath = \"/r\"\r\nport = 7\r\n",
            "\n\n[catchments.a]\nport = 1\npath = \"/a\"\n[catchments.b]\npath = \"/b\"")) {
      assertEquals(Registrations.parse("f", text), RegistrationsText.read(text), text);
    }
  }

  @Test
  void anythingElseIsLeftToTheParser() {
    for (String text :
        List.of(
            "[catchments.dev]\npath=\"/r\"\n",
            "[catchments.dev]\npath = '/r'\n",
            "[catchments.dev]\npath = \"/r\" # comment\n",
            "[catchments.dev]\npath = \"/r\"\nport = 07\n",
            "[catchments.dev]\npath = \"/r\"\nport = -1\n",
            "[catchments.dev]\npath = \"/r\"\nport = 1_000\n",
            "[catchments.dev]\npath = \"/\\u0041\"\n",
            "[catchments.dev]\npath = \"/r\"\npath = \"/s\"\n",
            "[catchments.dev]\nport = 1\n",
            "[catchments.dev]\npath = \"/r\"\nother = \"x\"\n",
            "[catchments.dev]\n[catchments.dev]\npath = \"/r\"\n",
            "[catchments.\"d v\"]\npath = \"/r\"\n",
            "path = \"/r\"\n",
            "[catchments]\n",
            " [catchments.dev]\npath = \"/r\"\n",
            "[catchments.dev]\npath = \"/r\\\"\n")) {
      assertNull(RegistrationsText.read(text), text);
    }
  }
}
