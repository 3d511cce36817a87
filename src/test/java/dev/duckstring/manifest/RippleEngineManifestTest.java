package dev.duckstring.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.PondManifest;
import dev.duckstring.model.RippleEngine;
import dev.duckstring.model.RippleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pond.toml's {@code engine} on {@code [pond]} and on a Ripple (decision 55). */
class RippleEngineManifestTest {
  private static final String POND = "[pond]\nname = \"p\"\nversion = \"1.0.0\"\n";

  @TempDir Path project;

  private Map<String, RippleEngine> engines(String toml, String... sqlFiles) throws IOException {
    Files.writeString(project.resolve("pond.toml"), toml);
    Files.createDirectories(project.resolve("src"));
    for (String f : sqlFiles) {
      Files.writeString(project.resolve("src").resolve(f), "SELECT 1 AS x");
    }
    PondManifest m = ManifestReader.read(project);
    Map<String, RippleEngine> out = new TreeMap<>();
    for (RippleSpec r : m.ripples()) {
      out.put(r.name(), r.engine());
    }
    return out;
  }

  private String error(String toml, String... sqlFiles) {
    return assertThrows(ManifestException.class, () -> engines(toml, sqlFiles)).getMessage();
  }

  @Test
  void everyRippleRunsOnDuckDbUnlessItSaysSpark() throws IOException {
    assertEquals(
        Map.of("a", RippleEngine.DUCKDB, "b", RippleEngine.SPARK, "c", RippleEngine.DUCKDB),
        engines(
            POND
                + "[ripples.b]\nengine = \"spark\"\n"
                + "[ripples.c]\nengine = \"duckdb\"\nsql = \"src/c.sql\"\n",
            "a.sql",
            "b.sql",
            "c.sql"));
  }

  @Test
  void thePondsEngineIsTheDefaultForItsSqlRipplesAndARipplesOwnOverridesIt() throws IOException {
    assertEquals(
        Map.of(
            "found", RippleEngine.SPARK,
            "declared", RippleEngine.SPARK,
            "local", RippleEngine.DUCKDB,
            "tool", RippleEngine.DUCKDB),
        engines(
            POND.replace("[pond]\n", "[pond]\nengine = \"spark\"\n")
                + "[ripples.declared]\nsql = \"src/declared.sql\"\n"
                + "[ripples.local]\nengine = \"duckdb\"\n"
                + "[ripples.tool]\ncommand = [\"true\"]\n",
            "found.sql",
            "declared.sql",
            "local.sql"));
  }

  @Test
  void aMisspelledEngineNamesTheAcceptedOnesWithDidYouMean() {
    String e = error(POND + "[ripples.r]\nengine = \"sparc\"\n", "r.sql");
    assertEquals(
        "pond.toml:5:1: error: 'ripples.r.engine' = \"sparc\" is not an engine:"
            + " \"duckdb\" or \"spark\" (did you mean \"spark\"?)",
        e);
    e = error(POND.replace("[pond]\n", "[pond]\n  engine = \"duck\"\n"), "r.sql");
    assertEquals(
        "pond.toml:2:3: error: 'pond.engine' = \"duck\" is not an engine:"
            + " \"duckdb\" or \"spark\" (did you mean \"duckdb\"?)",
        e);
  }

  @Test
  void sparkOnACommandRippleIsRefusedAtItsKey() {
    String e = error(POND + "[ripples.r]\ncommand = [\"true\"]\nengine = \"spark\"\n");
    assertEquals(
        "pond.toml:6:1: error: ripple 'r' runs a command, and 'engine' = \"spark\" is only for"
            + " SQL Ripples (remove 'engine', or give it 'sql')",
        e);
  }

  @Test
  void aNonStringEngineIsALocatedError() {
    String e = error(POND + "[ripples.r]\nengine = true\n", "r.sql");
    assertEquals(
        "pond.toml:5:1: error: 'ripples.r.engine' must be a string: \"duckdb\" or \"spark\"", e);
    e = error(POND.replace("[pond]\n", "[pond]\nengine = [\"spark\"]\n"), "r.sql");
    assertTrue(e.startsWith("pond.toml:2:1: error: 'pond.engine' must be a string"), e);
  }
}
