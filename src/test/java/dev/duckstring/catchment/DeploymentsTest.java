package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.duckstring.model.PondVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployed versions and majors of a Pond, as read from the root. */
class DeploymentsTest {
  private static final String RIPPLE = "[ripples.t]\nsql = \"src/t.sql\"\n";

  @TempDir Path root;

  @Test
  void eachMajorOnceWhateverItsSize() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    for (String v : List.of("1.0.0", "1.2.0", "200.0.0", "200.1.0", "1000.0.0", "1000.0.1")) {
      Path dir = Files.createDirectories(layout.version("shop", PondVersion.parse(v)));
      Files.writeString(dir.resolve("DEPLOY.toml"), "");
    }
    // a version being written (no DEPLOY.toml yet) is not deployed
    Files.createDirectories(layout.version("shop", PondVersion.parse("300.0.0")));
    assertEquals(List.of(1, 200, 1000), new Deployments(layout).majors("shop"));
  }

  @Test
  void aVersionIsParsedAgainOnlyWhenOneOfItsTwoFilesChanged() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    PondVersion v = PondVersion.parse("1.0.0");
    Path dir = Files.createDirectories(layout.version("shop", v));
    Files.writeString(dir.resolve("DEPLOY.toml"), "origin = \"path\"\n");
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/t.sql"), "SELECT 1 AS x\n");
    Files.writeString(
        dir.resolve("pond.toml"), "[pond]\nname = \"shop\"\nversion = \"1.0.0\"\n" + RIPPLE);
    Deployments deployments = new Deployments(layout);
    var first = deployments.read("shop", v);
    assertSame(first, deployments.read("shop", v), "nothing changed: the first read serves");
    Path next = dir.resolve("pond.toml.next");
    Files.writeString(
        next,
        "[pond]\nname = \"shop\"\nversion = \"1.0.0\"\ndeprecated = \"use boots\"\n" + RIPPLE);
    Files.move(next, dir.resolve("pond.toml"), StandardCopyOption.REPLACE_EXISTING);
    var again = deployments.read("shop", v);
    assertNotSame(first, again);
    assertEquals("use boots", again.manifest().deprecated());
    Files.writeString(dir.resolve("DEPLOY.toml"), "origin = \"path\"\ncontent_hash = \"abc\"\n");
    assertEquals("abc", deployments.read("shop", v).record().contentHash());
  }
}
