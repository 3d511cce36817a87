package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duckstring.model.PondVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployed versions and majors of a Pond, as read from the root. */
class DeploymentsTest {
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
}
