package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootPathsTest {
  @TempDir Path tmp;

  @Test
  void refusesEverySegmentThatIsNotAPlainName() {
    for (String bad :
        new String[] {
          "", ".", "..", ".hidden", "a/b", "a\\b", "%2e%2e", "a\0b", "C:", "x\n", "\u007f"
        }) {
      HttpFailure e = assertThrows(HttpFailure.class, () -> RootPaths.segment(bad), bad);
      assertEquals(400, e.status());
    }
    assertEquals("daily.parquet", RootPaths.segment("daily.parquet"));
  }

  @Test
  void confinesRealPathsToTheServedDirectory() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("root"));
    Path served = Files.createDirectories(root.resolve("data/g1/daily"));
    Files.writeString(served.resolve("ok.csv"), "a\n1\n");
    Path secret = Files.writeString(tmp.resolve("secret"), "s");
    Files.createSymbolicLink(served.resolve("out"), secret);
    Files.createSymbolicLink(served.resolve("up"), root);
    Files.writeString(root.resolve("catchment.toml"), "name = 'x'\n");
    RootPaths paths = new RootPaths(root);

    assertEquals(served.resolve("ok.csv").toRealPath(), paths.confine(served, List.of("ok.csv")));
    for (List<String> hostile :
        List.of(List.of("out"), List.of("up", "catchment.toml"), List.of("missing"))) {
      assertEquals(
          404, assertThrows(HttpFailure.class, () -> paths.confine(served, hostile)).status());
    }
    assertEquals(
        400,
        assertThrows(
                HttpFailure.class,
                () -> paths.confine(served, List.of("..", "..", "catchment.toml")))
            .status());
    Path outside = Files.createDirectories(tmp.resolve("elsewhere"));
    assertEquals(
        404, assertThrows(HttpFailure.class, () -> paths.confine(outside, List.of())).status());
  }
}
