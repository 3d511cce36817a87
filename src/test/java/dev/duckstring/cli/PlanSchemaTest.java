package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan compares with what the new version owes of the line's contract.json (decision 44). */
class PlanSchemaTest {
  @TempDir Path tmp;

  private static final String CONTRACT =
      "{\"line\": \"shop@1\", \"tables\": [{\"name\": \"daily\", \"since\": \"1.0.0\", \"columns\": ["
          + "{\"name\": \"id\", \"type\": \"INTEGER\", \"since\": \"1.0.0\"},"
          + "{\"name\": \"amount\", \"type\": \"DOUBLE\", \"since\": \"1.0.0\"},"
          + "{\"name\": \"region\", \"type\": \"VARCHAR\", \"since\": \"1.2.0\"}]}]}";

  @Test
  void aVersionOwesWhatEarlierVersionsAdded() throws Exception {
    Path f = tmp.resolve("contract.json");
    Files.writeString(f, CONTRACT);
    assertEquals(
        Map.of("daily", Map.of("id", "INTEGER", "amount", "DOUBLE", "region", "VARCHAR")),
        PlanSchema.contract(f, PondVersion.parse("1.3.0")));
    // 1.1.0 (a fallback after a yank) does not owe what 1.2.0 added: the rollback rule.
    assertEquals(
        Map.of("daily", Map.of("id", "INTEGER", "amount", "DOUBLE")),
        PlanSchema.contract(f, PondVersion.parse("1.1.0")));
  }

  @Test
  void noFileIsNoContractAndGarbageIsOneLineNamingTheFile() throws Exception {
    Path f = tmp.resolve("contract.json");
    assertEquals(Map.of(), PlanSchema.contract(f, PondVersion.parse("1.0.0")));
    Files.writeString(f, "{\"tables\": [1, 2");
    String e =
        assertThrows(
                DuckstringException.class, () -> PlanSchema.contract(f, PondVersion.parse("1.0.0")))
            .getMessage();
    assertTrue(e.contains("contract.json"), e);
    Files.writeString(f, "{}");
    e =
        assertThrows(
                DuckstringException.class, () -> PlanSchema.contract(f, PondVersion.parse("1.0.0")))
            .getMessage();
    assertTrue(e.contains("contract.json: error: "), e);
  }
}
