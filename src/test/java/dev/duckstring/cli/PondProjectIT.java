package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.testing.TestCatchment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
      for (String f :
          new String[] {
            "pond.toml",
            "src/example.sql",
            "tests/greeting_not_empty.sql",
            "README.md",
            ".gitignore"
          }) {
        assertTrue(Files.isRegularFile(p.resolve(f)), f);
      }
      assertTrue(
          Files.readString(p.resolve("tests/greeting_not_empty.sql"))
              .contains("returns the rows that violate it; zero rows pass"));
      assertEquals(
          List.of("ponds/", "puddles/"),
          Files.readAllLines(p.resolve(".gitignore")).stream()
              .filter(l -> !l.startsWith("#"))
              .toList());
      String readme = Files.readString(p.resolve("README.md"));
      assertTrue(readme.contains("## Develop locally"), readme);
      for (String step :
          List.of(
              "duckstring pond hydrate dev",
              "duckstring pond run",
              "duckstring pond test",
              "duckstring deploy dev",
              "duckstring pulse dev example_pond --wait")) {
        assertTrue(readme.contains(step), step);
      }
      String before = Files.readString(p.resolve("pond.toml"));
      assertEquals(1, c.cli("pond", "init", "example_pond").code(), "never overwrites");
      assertEquals(before, Files.readString(p.resolve("pond.toml")));
      // The scaffold runs and passes its test locally, with no Catchment.
      c.cli("pond", "run").ok();
      String tested = c.cli("pond", "test").ok().out();
      assertTrue(tested.contains("PASS  greeting_not_empty"), tested);
      // Local data in puddles/ is not deployed: a big file there changes nothing.
      Files.createDirectories(p.resolve("puddles/big"));
      Files.write(p.resolve("puddles/big/t.parquet"), new byte[4 << 20]);
      c.cli("deploy", "dev").ok();
      c.cli("pulse", "dev", "example_pond", "--version", "0").ok();
      c.awaitRuns("example_pond@0", 1);
      assertTrue(
          c.cli("query", "dev", "example_pond", "example")
              .ok()
              .out()
              .contains("hello from example_pond"));
      assertFalse(
          Files.exists(c.root().resolve("ponds/example_pond/versions/0.1.0/puddles")),
          "puddles/ is never deployed");
      assertTrue(
          Files.isRegularFile(
              c.root().resolve("ponds/example_pond/versions/0.1.0/tests/greeting_not_empty.sql")));
    }
  }

  @Test
  void initInADirectoryWithFilesKeepsThemAndAddsPuddlesToItsGitignoreOnce() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      Path p = c.cd("existing");
      Files.writeString(p.resolve("README.md"), "# mine\n");
      Files.writeString(p.resolve(".gitignore"), "*.log");
      Files.createDirectories(p.resolve("tests"));
      Files.writeString(p.resolve("tests/greeting_not_empty.sql"), "SELECT 1 WHERE false\n");
      c.cli("pond", "init", "mine").ok();
      assertEquals("# mine\n", Files.readString(p.resolve("README.md")));
      assertEquals(
          "SELECT 1 WHERE false\n", Files.readString(p.resolve("tests/greeting_not_empty.sql")));
      List<String> ignore = Files.readAllLines(p.resolve(".gitignore"));
      assertEquals("*.log", ignore.get(0));
      assertEquals(1, ignore.stream().filter(l -> l.equals("puddles/")).count(), ignore.toString());
      assertFalse(ignore.contains("ponds/"), "an existing .gitignore gets only the puddles line");

      Files.delete(p.resolve("pond.toml"));
      c.cli("pond", "init", "mine").ok();
      assertEquals(ignore, Files.readAllLines(p.resolve(".gitignore")), "not added twice");
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
