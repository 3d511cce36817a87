package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.PondType;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.RippleSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parents the daemon's graph and {@code pond run} share, their order and the cycle check. */
class RippleParentsTest {
  @TempDir Path dir;

  private PondManifest manifest(RippleSpec... ripples) {
    return new PondManifest(
        "shop", PondVersion.parse("1.0.0"), PondType.POND, List.of(), List.of(ripples));
  }

  private RippleSpec sql(String name, String text) throws Exception {
    Files.createDirectories(dir.resolve("src"));
    Files.writeString(dir.resolve("src/" + name + ".sql"), text);
    return RippleSpec.discovered(name);
  }

  @Test
  void infersBareOwnTablesButNotSourcesCtesOrItself() throws Exception {
    PondManifest m =
        manifest(
            sql("daily", "WITH orders AS (SELECT 1) SELECT * FROM orders, inlet.orders, daily"),
            sql("orders", "SELECT 1 AS x"),
            sql("weekly", "SELECT * FROM daily JOIN orders USING (x)"),
            new RippleSpec("report", null, List.of("sh", "r.sh"), List.of("weekly"), null),
            new RippleSpec("free", null, List.of("sh", "f.sh"), null, null));
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("daily", List.of());
    expected.put("orders", List.of());
    expected.put("weekly", List.of("daily", "orders"));
    expected.put("report", List.of("weekly"));
    expected.put("free", List.of());
    Map<String, List<String>> parents = new RippleParents().of(dir, m, "shop@1");
    assertEquals(expected, parents);
    assertEquals(
        List.of("daily", "orders", "weekly", "report", "free"), RippleParents.order(parents, null));
    assertEquals(List.of("daily", "orders", "weekly"), RippleParents.order(parents, "weekly"));
    assertEquals(List.of("orders"), RippleParents.order(parents, "orders"));
  }

  @Test
  void parentsComeFirstWhateverTheDeclarationOrder() throws Exception {
    PondManifest m =
        manifest(sql("b", "SELECT * FROM a"), sql("c", "SELECT * FROM b"), sql("a", "SELECT 1"));
    assertEquals(
        List.of("a", "b", "c"),
        RippleParents.order(new RippleParents().of(dir, m, "shop@1"), null));
  }

  @Test
  void aCycleIsOneLineNamingIt() throws Exception {
    PondManifest m = manifest(sql("a", "SELECT * FROM b"), sql("b", "SELECT * FROM a"));
    DuckstringException e =
        assertThrows(DuckstringException.class, () -> new RippleParents().of(dir, m, "shop@1"));
    assertEquals("ripples of shop@1 form a cycle: a -> b -> a", e.getMessage());
  }

  @Test
  void badSqlHasNoParentsAndAMissingFileIsAnError() throws Exception {
    PondManifest m = manifest(sql("a", "SELEC nonsense"));
    assertEquals(Map.of("a", List.of()), new RippleParents().of(dir, m, "shop@1"));
    PondManifest gone = manifest(RippleSpec.discovered("gone"));
    DuckstringException e =
        assertThrows(DuckstringException.class, () -> new RippleParents().of(dir, gone, "shop@1"));
    assertEquals(true, e.getMessage().startsWith("cannot read src/gone.sql: "), e.getMessage());
  }

  @Test
  void aCommandRipplesInputsAreItsParentsOrEveryOwnOutput() {
    Map<String, Path> own = new LinkedHashMap<>();
    own.put("daily", dir.resolve("daily"));
    own.put("report", dir.resolve("prev-report"));
    RippleSpec narrow =
        new RippleSpec("report", null, List.of("sh", "r.sh"), List.of("daily"), null);
    RippleSpec wide = new RippleSpec("report", null, List.of("sh", "r.sh"), null, null);
    Instant f = Instant.parse("2026-01-01T00:00:00Z");
    Path out = dir.resolve("out");
    assertEquals(
        Map.of("daily", dir.resolve("daily")),
        CommandRipple.of("shop", narrow, dir, f, Map.of(), own, out, dir.resolve("log"), null)
            .inputs());
    assertEquals(
        own,
        CommandRipple.of("shop", wide, dir, f, Map.of(), own, out, dir.resolve("log"), null)
            .inputs());
  }
}
