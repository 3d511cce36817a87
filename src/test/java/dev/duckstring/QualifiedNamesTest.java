package dev.duckstring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duckstring.testing.QualifiedNames;
import dev.duckstring.testing.QualifiedNames.Use;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No class is named by its fully qualified name inside code: an import says what a file uses. */
class QualifiedNamesTest {
  private static final String FIXTURE =
      """
      package dev.duckstring.daemon;

      import dev.duckstring.model.LineId;
      import java.util.List;

      /** Uses {@link dev.duckstring.engine.Engine}: comments and "java.util.Map" strings are fine. */
      final class Fixture {
        java.util.List<dev.duckstring.model.LineId> lines = new java.util.ArrayList<>();
        dev.duckstring.engine.PondView.State state;
        @org.junit.jupiter.api.Test
        void run() throws java.io.IOException {
          java.lang.String s = java.util.Map.of().toString();
          dev.duckstring.daemon.Reactor r = null;
          java.awt.List clash = null;
        }
      }
      """;

  @Test
  void noQualifiedNamesInCode() throws IOException {
    List<Path> dirs =
        List.of(Path.of("src/main/java"), Path.of("src/test/java"), Path.of("src/bench/java"));
    assertEquals(
        List.of(),
        QualifiedNames.scan(dirs, false),
        "run: java src/test/java/dev/duckstring/testing/QualifiedNames.java --fix src");
  }

  @Test
  void findsNamesInCodeOnly() {
    assertEquals(
        List.of(
            new Use(8, "java.util", "List"),
            new Use(8, "dev.duckstring.model", "LineId"),
            new Use(8, "java.util", "ArrayList"),
            new Use(9, "dev.duckstring.engine", "PondView"),
            new Use(10, "org.junit.jupiter.api", "Test"),
            new Use(11, "java.io", "IOException"),
            new Use(12, "java.lang", "String"),
            new Use(12, "java.util", "Map"),
            new Use(13, "dev.duckstring.daemon", "Reactor"),
            new Use(14, "java.awt", "List")),
        QualifiedNames.find(FIXTURE));
  }

  @Test
  void fixImportsWhatDoesNotClash() {
    String fixed = QualifiedNames.fix(FIXTURE, Set.of("Reactor"));
    assertEquals(
        """
        package dev.duckstring.daemon;

        import dev.duckstring.engine.PondView;
        import dev.duckstring.model.LineId;
        import java.io.IOException;
        import java.util.ArrayList;
        import java.util.List;
        import java.util.Map;
        import org.junit.jupiter.api.Test;

        /** Uses {@link dev.duckstring.engine.Engine}: comments and "java.util.Map" strings are fine. */
        final class Fixture {
          java.util.List<LineId> lines = new ArrayList<>();
          PondView.State state;
          @Test
          void run() throws IOException {
            String s = Map.of().toString();
            Reactor r = null;
            java.awt.List clash = null;
          }
        }
        """,
        fixed);
    assertEquals(
        List.of(new Use(13, "java.util", "List"), new Use(19, "java.awt", "List")),
        QualifiedNames.find(fixed));
  }
}
