package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pond init and pond demo scaffold projects that deploy and run as they are. */
class PondProjectIT {
  @TempDir Path tmp;

  @Test
  void anInitialisedPondDeploysAndRuns() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      Path p = c.cd("example_pond");
      assertTrue(
          c.cli("pond", "init", "example_pond")
              .ok()
              .out()
              .contains("created pond 'example_pond' (0.1.0)"));
      for (String f : new String[] {"pond.toml", "src/example.sql", "README.md", ".gitignore"}) {
        assertTrue(Files.isRegularFile(p.resolve(f)), f);
      }
      assertEquals(1, c.cli("pond", "init", "example_pond").code(), "never overwrites");
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "example_pond", "--version", "0").ok();
      c.awaitRuns("example_pond@0", 1);
      assertTrue(
          c.cli("query", "dev", "example_pond", "example")
              .ok()
              .out()
              .contains("hello from example_pond"));
    }
  }

  @Test
  void demosMatchTheFilesShippedInDemos() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      for (String demo : new String[] {"inlet", "pond", "outlet"}) {
        Path p = c.cd(demo);
        c.cli("pond", "demo", demo).ok();
        try (var files = Files.walk(Path.of("demos", demo))) {
          for (Path f : files.filter(Files::isRegularFile).toList()) {
            Path written = p.resolve(Path.of("demos", demo).relativize(f).toString());
            assertEquals(Files.readString(f), Files.readString(written), written.toString());
          }
        }
      }
      assertEquals(2, c.cli("pond", "demo", "outlett").code());
      assertTrue(c.cli("pond", "demo", "outlett").err().contains("did you mean 'outlet'?"));
    }
  }
}
