package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan reads a line's contract file defensively: its shape, or one line saying why not. */
class PlanSchemaTest {
  @TempDir Path tmp;

  @Test
  void readsTablesColumnsAndTypes() throws Exception {
    Path f = tmp.resolve("contract.json");
    Files.writeString(
        f,
        "{\"tables\": {\"daily\": {\"columns\": {\"id\": {\"type\": \"INTEGER\", \"since\":"
            + " \"1.0.0\"}, \"amount\": {\"type\": \"DOUBLE\", \"since\": \"1.0.0\"}}}}}");
    assertEquals(
        Map.of("daily", Map.of("id", "INTEGER", "amount", "DOUBLE")), PlanSchema.contract(f));
  }

  @Test
  void garbageIsOneLineNamingTheFile() throws Exception {
    Path f = tmp.resolve("contract.json");
    Files.writeString(f, "{\"tables\": [1, 2");
    String e = assertThrows(DuckstringException.class, () -> PlanSchema.contract(f)).getMessage();
    assertTrue(e.startsWith("contract.json: error: invalid JSON"), e);
    Files.writeString(f, "{\"tables\": {\"daily\": {\"columns\": {\"id\": {}}}}}");
    e = assertThrows(DuckstringException.class, () -> PlanSchema.contract(f)).getMessage();
    assertEquals("contract.json: error: a column of 'daily' has no type", e);
    Files.writeString(f, "{}");
    e = assertThrows(DuckstringException.class, () -> PlanSchema.contract(f)).getMessage();
    assertEquals("contract.json: error: no 'tables'", e);
  }
}
