package dev.duckstring.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duckstring.model.DataTest;
import dev.duckstring.model.DataTest.Kind;
import dev.duckstring.model.DataTest.Severity;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.RippleSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pond.toml's data tests: tests/*.sql, [tests.<name>] and [ripples.<r>.checks] (decision 48). */
class DataTestsReaderTest {
  private static final String POND = "[pond]\nname = \"p\"\nversion = \"1.0.0\"\n";

  @TempDir Path project;

  private PondManifest read(String toml, String... testFiles) throws IOException {
    Files.writeString(project.resolve("pond.toml"), POND + toml);
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/daily.sql"), "SELECT 1 AS id");
    Files.createDirectories(project.resolve("tests"));
    for (String f : testFiles) {
      Files.writeString(project.resolve("tests").resolve(f), "SELECT 1 WHERE false");
    }
    return ManifestReader.read(project);
  }

  /** The one error line; fails unless there is exactly one. */
  private String error(String toml, String... testFiles) {
    String m = assertThrows(ManifestException.class, () -> read(toml, testFiles)).getMessage();
    assertEquals(1, m.lines().count(), m);
    return m;
  }

  @Test
  void noTestsIsAnEmptyList() throws IOException {
    assertEquals(List.of(), read("").tests());
  }

  @Test
  void discoversTestFilesByNameWithTheirSeverity() throws IOException {
    PondManifest m =
        read(
            "[tests.no_negative]\nseverity = \"warn\"\n",
            "no_negative.sql",
            "all_days.sql",
            "notes.txt",
            ".hidden.sql");
    assertEquals(
        List.of(
            DataTest.sqlFile("all_days", Severity.ERROR),
            DataTest.sqlFile("no_negative", Severity.WARN)),
        m.tests());
  }

  @Test
  void readsEveryCheckKindNamedAndLocated() throws IOException {
    PondManifest m =
        read(
            """
            [ripples.daily.checks]
            not_null = ["id", "day"]
            unique = ["id", ["a", "b"]]
            accepted_values = { status = ["open", "closed"], n = [1, 2.5] }
            row_count = ">=1"
            """);
    List<DataTest> t = m.tests();
    assertEquals(
        List.of(
            "daily.not_null.id",
            "daily.not_null.day",
            "daily.unique.id",
            "daily.unique.a+b",
            "daily.accepted_values.status",
            "daily.accepted_values.n",
            "daily.row_count"),
        t.stream().map(DataTest::name).toList());
    assertEquals("pond.toml:5:13", t.get(0).origin());
    assertEquals("pond.toml:5:19", t.get(1).origin());
    assertEquals(Kind.UNIQUE, t.get(3).kind());
    assertEquals(List.of("a", "b"), t.get(3).columns());
    assertEquals("pond.toml:6:17", t.get(3).origin());
    assertEquals(List.of("open", "closed"), t.get(4).values());
    assertEquals(List.of("1", "2.5"), t.get(5).values());
    assertEquals("pond.toml:7:21", t.get(4).origin());
    assertEquals(">= 1", t.get(6).bound());
    assertEquals("pond.toml:8:1", t.get(6).origin());
    assertNull(t.get(6).file());
    assertEquals("daily", t.get(6).ripple());
    assertEquals(Severity.ERROR, t.get(6).severity());
  }

  @Test
  void checksAloneDoNotDeclareTheRippleSoSrcOrderStays() throws IOException {
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/a.sql"), "SELECT 1 AS id");
    PondManifest m = read("[ripples.daily.checks]\nunique = [\"id\"]\n");
    assertEquals(List.of("a", "daily"), m.ripples().stream().map(RippleSpec::name).toList());
    assertEquals(RippleSpec.discovered("daily"), m.ripples().get(1));
  }

  @Test
  void severityAppliesToThatRipplesChecks() throws IOException {
    PondManifest m =
        read(
            """
            [ripples.export]
            command = ["true"]
            [ripples.export.checks]
            severity = "warn"
            row_count = "> 0"
            [ripples.daily.checks]
            not_null = ["id"]
            """);
    assertEquals(Severity.WARN, m.tests().get(0).severity());
    assertEquals("export.row_count", m.tests().get(0).name());
    assertEquals(Severity.ERROR, m.tests().get(1).severity());
  }

  @Test
  void badInputIsOneLineAtItsPosition() {
    assertEquals(
        "pond.toml:4:1: error: 'ripples.dialy.checks' is on unknown ripple 'dialy' (did you mean"
            + " 'daily'?)",
        error("[ripples.dialy.checks]\nnot_null = [\"id\"]\n"));
    assertEquals(
        "pond.toml:5:1: error: 'ripples.daily.checks.not_null' must be a non-empty array of"
            + " column names",
        error("[ripples.daily.checks]\nnot_null = \"id\"\n"));
    assertEquals(
        "pond.toml:5:1: error: 'ripples.daily.checks.not_null' must be a non-empty array of"
            + " column names",
        error("[ripples.daily.checks]\nnot_null = []\n"));
    assertEquals(
        "pond.toml:5:19: error: 'ripples.daily.checks.not_null' entries must be column names"
            + " (non-empty strings)",
        error("[ripples.daily.checks]\nnot_null = [\"id\", 3]\n"));
    assertEquals(
        "pond.toml:5:17: error: 'ripples.daily.checks.unique' entries must be a column or a"
            + " non-empty array of columns",
        error("[ripples.daily.checks]\nunique = [\"id\", []]\n"));
    assertEquals(
        "pond.toml:5:23: error: 'ripples.daily.checks.unique' entries must be column names"
            + " (non-empty strings)",
        error("[ripples.daily.checks]\nunique = [\"id\", [\"a\", \"\"]]\n"));
    assertEquals(
        "pond.toml:5:21: error: 'ripples.daily.checks.accepted_values.status' must be a"
            + " non-empty array of strings or numbers",
        error("[ripples.daily.checks]\naccepted_values = { status = [] }\n"));
    assertEquals(
        "pond.toml:5:21: error: 'ripples.daily.checks.accepted_values.status' must be a"
            + " non-empty array of strings or numbers",
        error("[ripples.daily.checks]\naccepted_values = { status = [true] }\n"));
    assertEquals(
        "pond.toml:5:1: error: 'ripples.daily.checks.accepted_values' must be a table",
        error("[ripples.daily.checks]\naccepted_values = [\"open\"]\n"));
    assertEquals(
        "pond.toml:5:1: error: 'ripples.daily.checks.row_count' must be a comparison and a"
            + " non-negative integer such as \">= 1\" (one of >=, >, <=, <, =, !=), got \"at least"
            + " 1\"",
        error("[ripples.daily.checks]\nrow_count = \"at least 1\"\n"));
    assertEquals(
        "pond.toml:5:1: error: 'ripples.daily.checks.row_count' must be a comparison and a"
            + " non-negative integer such as \">= 1\" (one of >=, >, <=, <, =, !=)",
        error("[ripples.daily.checks]\nrow_count = 1\n"));
    assertEquals(
        "pond.toml:5:1: error: 'ripples.daily.checks.severity' = \"fatal\" must be error or warn",
        error("[ripples.daily.checks]\nseverity = \"fatal\"\n"));
    assertEquals(
        "pond.toml:5:1: error: unknown key 'ripples.daily.checks.not_nul' (did you mean"
            + " 'not_null'?)",
        error("[ripples.daily.checks]\nnot_nul = [\"id\"]\n"));
    assertEquals(
        "pond.toml:5:19: error: check 'daily.not_null.id' is declared twice",
        error("[ripples.daily.checks]\nnot_null = [\"id\", \"id\"]\n"));
    assertEquals(
        "pond.toml:5:1: error: 'ripples.daily.checks' must be a table",
        error("[ripples.daily]\nchecks = 1\n"));
  }

  @Test
  void badTestSettingsAreOneLineAtTheirPosition() {
    assertEquals(
        "pond.toml:4:1: error: [tests.no_negativ] names no test file tests/no_negativ.sql (did"
            + " you mean 'no_negative'?)",
        error("[tests.no_negativ]\nseverity = \"warn\"\n", "no_negative.sql"));
    assertEquals(
        "pond.toml:5:1: error: 'tests.no_negative.severity' = \"warm\" must be error or warn"
            + " (did you mean 'warn'?)",
        error("[tests.no_negative]\nseverity = \"warm\"\n", "no_negative.sql"));
    assertEquals(
        "pond.toml:5:1: error: unknown key 'tests.no_negative.sevrity' (did you mean"
            + " 'severity'?)",
        error("[tests.no_negative]\nsevrity = \"warn\"\n", "no_negative.sql"));
    assertEquals(
        "tests/No-Negative.sql: error: test (from file name) 'No-Negative' is not a valid name"
            + " (lower-case letters, digits, '_', starting with a letter)",
        error("", "No-Negative.sql"));
  }
}
