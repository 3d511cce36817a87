package dev.duckstring.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.PondManifest;
import dev.duckstring.model.PondType;
import dev.duckstring.model.RetryBudget;
import dev.duckstring.model.RippleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {
  @TempDir Path project;

  private PondManifest read(String toml, String... sqlFiles) throws IOException {
    Files.writeString(project.resolve("pond.toml"), toml);
    Files.createDirectories(project.resolve("src"));
    for (String f : sqlFiles) {
      Files.writeString(project.resolve("src").resolve(f), "SELECT 1 AS x");
    }
    return ManifestReader.read(project);
  }

  private String error(String toml, String... sqlFiles) {
    return assertThrows(ManifestException.class, () -> read(toml, sqlFiles)).getMessage();
  }

  @Test
  void readsTheFullShape() throws IOException {
    PondManifest m =
        read(
            """
            [pond]
            name = "sales"
            version = "1.2.0"
            type = "outlet"
            [sources]
            orders = "1.0.0"
            products = "2.1.0?"
            [ripples.export]
            command = ["sh", "export.sh"]
            parents = ["daily"]
            """,
            "daily.sql",
            "weekly.sql");
    assertEquals("sales", m.name());
    assertEquals("1.2.0", m.version().text());
    assertEquals(1, m.version().major());
    assertEquals(PondType.OUTLET, m.type());
    assertEquals(2, m.sources().size());
    assertFalse(m.sources().get(0).optional());
    assertEquals("orders@1", m.sources().get(0).line().toString());
    assertTrue(m.sources().get(1).optional());
    assertEquals("products@2", m.sources().get(1).line().toString());
    List<String> names = m.ripples().stream().map(RippleSpec::name).toList();
    assertEquals(List.of("export", "daily", "weekly"), names);
    RippleSpec export = m.ripples().get(0);
    assertEquals(List.of("sh", "export.sh"), export.command());
    assertEquals(List.of("daily"), export.parents());
    RippleSpec daily = m.ripples().get(1);
    assertEquals("src/daily.sql", daily.sql());
    assertNull(daily.parents(), "undeclared parents are inferred later");
  }

  @Test
  void defaultsTypeToPondAndDiscoversSql() throws IOException {
    PondManifest m = read("[pond]\nname = \"p\"\nversion = \"0.1.0\"\n", "a.sql");
    assertEquals(PondType.POND, m.type());
    assertEquals(List.of(), m.sources());
    assertEquals("a", m.ripples().get(0).name());
  }

  @Test
  void rejectsUnknownKeyWithPositionAndSuggestion() {
    String e = error("[pond]\nname = \"p\"\nversoin = \"1.0.0\"\n", "a.sql");
    assertTrue(
        e.contains("pond.toml:3:1: error: unknown key 'pond.versoin' (did you mean 'version'?)"),
        e);
    assertTrue(e.contains("missing required key 'pond.version'"), e);
  }

  @Test
  void readsDeprecatedAsTheMessageOfItsMajor() throws IOException {
    String head = "[pond]\nname = \"p\"\nversion = \"1.4.0\"\n";
    assertNull(read(head, "a.sql").deprecated());
    PondManifest m = read(head + "deprecated = \"use 2.x: daily moved\"\n", "a.sql");
    assertEquals("use 2.x: daily moved", m.deprecated());
  }

  @Test
  void rejectsAnEmptyOrMultiLineDeprecation() {
    String head = "[pond]\nname = \"p\"\nversion = \"1.4.0\"\n";
    String e = error(head + "deprecated = \"  \"\n", "a.sql");
    assertEquals(
        "pond.toml:4:1: error: 'pond.deprecated' must be one line saying what to use", e.strip());
    e = error(head + "deprecated = \"\"\"\nuse 2.x\nplease\"\"\"\n", "a.sql");
    assertTrue(e.contains("'pond.deprecated' must be one line"), e);
    e = error(head + "deprecated = true\n", "a.sql");
    assertTrue(e.contains("'pond.deprecated' must be a string"), e);
  }

  @Test
  void reportsMalformedTomlWithPosition() {
    String e = error("[pond]\nname = \"p\nversion = \"1.0.0\"\n");
    assertTrue(e.startsWith("pond.toml:2:"), e);
  }

  @Test
  void rejectsBadSemver() {
    String e = error("[pond]\nname = \"p\"\nversion = \"1.0\"\n", "a.sql");
    assertTrue(e.contains("pond.toml:3:1: error: 'pond.version' = \"1.0\" is not semver"), e);
  }

  @Test
  void rejectsBadSourcePinAndSelfSource() {
    String e =
        error(
            "[pond]\nname = \"p\"\nversion = \"1.0.0\"\n[sources]\nq = \"latest\"\np = \"1.0.0\"\n",
            "a.sql");
    assertTrue(e.contains("'sources.q' = \"latest\" is not a version pin"), e);
    assertTrue(e.contains("a Pond cannot be its own Source"), e);
  }

  @Test
  void rejectsNamesThatCouldLeaveTheRoot() {
    assertTrue(
        error("[pond]\nname = \"../x\"\nversion = \"1.0.0\"\n", "a.sql")
            .contains("pond.toml:2:1: error: pond.name '../x' is not a valid name"));
    assertTrue(
        error("[pond]\nname = \"a/b\"\nversion = \"1.0.0\"\n", "a.sql")
            .contains("is not a valid name"));
    assertTrue(
        error("[pond]\nname = \"/abs\"\nversion = \"1.0.0\"\n", "a.sql")
            .contains("is not a valid name"));
  }

  @Test
  void rejectsSqlPathsOutsideTheProject() {
    String e =
        error("[pond]\nname = \"p\"\nversion = \"1.0.0\"\n[ripples.r]\nsql = \"../secret.sql\"\n");
    assertTrue(
        e.contains(
            "pond.toml:5:1: error: 'ripples.r.sql' = \"../secret.sql\" must stay inside the project"),
        e);
    e = error("[pond]\nname = \"p\"\nversion = \"1.0.0\"\n[ripples.r]\nsql = \"/etc/passwd\"\n");
    assertTrue(e.contains("must stay inside the project"), e);
  }

  @Test
  void rejectsUnknownParentWithSuggestion() {
    String e =
        error(
            "[pond]\nname = \"p\"\nversion = \"1.0.0\"\n[ripples.b]\nparents = [\"dialy\"]\n",
            "b.sql",
            "daily.sql");
    assertTrue(e.contains("ripple 'b' names unknown parent 'dialy' (did you mean 'daily'?)"), e);
  }

  @Test
  void rejectsRippleKeyTypoAndEmptyCommand() {
    String e =
        error(
            "[pond]\nname = \"p\"\nversion = \"1.0.0\"\n[ripples.r]\ncomand = [\"x\"]\n", "r.sql");
    assertTrue(e.contains("unknown key 'ripples.r.comand' (did you mean 'command'?)"), e);
    e = error("[pond]\nname = \"p\"\nversion = \"1.0.0\"\n[ripples.r]\ncommand = []\n");
    assertTrue(e.contains("'ripples.r.command' must name a program"), e);
  }

  @Test
  void requiresAtLeastOneRipple() {
    String e = error("[pond]\nname = \"p\"\nversion = \"1.0.0\"\n");
    assertTrue(e.contains("no Ripples"), e);
  }

  @Test
  void rejectsBadTypeWithSuggestion() {
    String e = error("[pond]\nname = \"p\"\nversion = \"1.0.0\"\ntype = \"outlett\"\n", "a.sql");
    assertTrue(e.contains("must be one of inlet, pond, outlet (did you mean 'outlet'?)"), e);
  }

  @Test
  void readsRippleTimeouts() throws IOException {
    PondManifest m =
        read(
            """
            [pond]
            name = "p"
            version = "1.0.0"
            [ripples.slow]
            command = ["sleep", "60"]
            timeout = "10m"
            [ripples.daily]
            timeout = "1h30m"
            """,
            "daily.sql",
            "weekly.sql");
    Map<String, RippleSpec> byName = new HashMap<>();
    m.ripples().forEach(r -> byName.put(r.name(), r));
    assertEquals(Duration.ofMinutes(10), byName.get("slow").timeout());
    assertEquals(Duration.ofMinutes(90), byName.get("daily").timeout());
    assertEquals("src/daily.sql", byName.get("daily").sql());
    assertNull(byName.get("weekly").timeout(), "a discovered Ripple has no timeout of its own");
    assertEquals(Duration.ofSeconds(5), byName.get("weekly").timeoutOr(Duration.ofSeconds(5)));
    assertEquals(Duration.ofMinutes(10), byName.get("slow").timeoutOr(Duration.ofSeconds(5)));
  }

  @Test
  void rejectsMalformedTimeoutsAtTheirKey() {
    String head = "[pond]\nname = \"p\"\nversion = \"1.0.0\"\n[ripples.slow]\n";
    String e = error(head + "command = [\"sleep\", \"60\"]\ntimeout = \"10x\"\n");
    assertEquals(
        "pond.toml:6:1: error: 'ripples.slow.timeout' = \"10x\" is not a duration"
            + " (e.g. 30s, 15m, 4h, 1h30m, 2d)",
        e);
    e = error(head + "timeout = \"-1m\"\ncommand = [\"sleep\", \"60\"]\n");
    assertEquals(
        "pond.toml:5:1: error: 'ripples.slow.timeout' = \"-1m\" is not a duration"
            + " (e.g. 30s, 15m, 4h, 1h30m, 2d)",
        e);
    e = error(head + "command = [\"sleep\", \"60\"]\n  timeout = \"0s\"\n");
    assertEquals(
        "pond.toml:6:3: error: 'ripples.slow.timeout' = \"0s\" must be longer than zero", e);
    e = error(head + "command = [\"sleep\", \"60\"]\ntimeout = 600\n");
    assertEquals(
        "pond.toml:6:1: error: 'ripples.slow.timeout' must be a duration string such as \"10m\"",
        e);
    e = error(head + "command = [\"sleep\", \"60\"]\ntimeout = \"99999999999999999999d\"\n");
    assertEquals(
        "pond.toml:6:1: error: 'ripples.slow.timeout' = \"99999999999999999999d\" is too long", e);
    e = error(head + "command = [\"sleep\", \"60\"]\ntimout = \"1m\"\n");
    assertTrue(e.contains("unknown key 'ripples.slow.timout' (did you mean 'timeout'?)"), e);
  }

  @Test
  void missingManifestSaysHowToCreateOne() {
    String e =
        assertThrows(RuntimeException.class, () -> ManifestReader.read(project)).getMessage();
    assertTrue(e.contains("no pond.toml here"), e);
  }

  @Test
  void readsTheRetryBudget() throws IOException {
    String head = "[pond]\nname = \"p\"\nversion = \"1.0.0\"\n";
    assertEquals(RetryBudget.NONE, read(head, "a.sql").retry());
    assertEquals(
        new RetryBudget(2, 1), read(head + "[retry]\nimmediate = 2\non_change = 1\n").retry());
    assertEquals(new RetryBudget(3, 0), read(head + "[retry]\nimmediate = 3\n").retry());
  }

  @Test
  void rejectsANegativeOrFractionalBudgetInOneLineWithItsPosition() {
    String head = "[pond]\nname = \"p\"\nversion = \"1.0.0\"\n";
    assertEquals(
        "pond.toml:5:1: error: 'retry.immediate' = -1 must be between 0 and 1000",
        error(head + "[retry]\nimmediate = -1\n", "a.sql"));
    assertEquals(
        "pond.toml:5:1: error: 'retry.on_change' must be a whole number (0 or more)",
        error(head + "[retry]\non_change = 1.5\n", "a.sql"));
    String e = error(head + "[retry]\nimediate = 1\n", "a.sql");
    assertTrue(e.contains("unknown key 'retry.imediate' (did you mean 'immediate'?)"), e);
  }
}
