package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.runner.QueryOptions;
import dev.duckstring.runner.QueryService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterTest {
  @TempDir Path root;

  private Router router() throws Exception {
    Files.writeString(root.resolve("catchment.toml"), "name = \"dev\"\n");
    return new Router(
        new CatchmentLayout(root),
        "dev",
        Clock.systemUTC(),
        new QueryService(QueryOptions.lockedDown(Duration.ofSeconds(5))));
  }

  @Test
  void answersEveryMethodButGetAndHeadWith405() throws Exception {
    Router r = router();
    for (String m :
        List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT", "PROPFIND")) {
      Reply reply = r.handle(Request.of(m, "/api/status", Map.of()));
      assertEquals(405, reply.status(), m);
      assertEquals("GET, HEAD", reply.headers().get("Allow"));
    }
    assertEquals(200, r.handle(Request.of("HEAD", "/health", Map.of())).status());
  }

  @Test
  void everyAnswerCarriesSecurityHeadersAndErrorsAreJson() throws Exception {
    Router r = router();
    Reply missing = r.handle(Request.get("/api/nope", Map.of()));
    assertEquals(404, missing.status());
    assertEquals("{\n  \"error\": \"no such page: /api/nope\"\n}\n", missing.text());
    assertEquals("nosniff", missing.headers().get("X-Content-Type-Options"));
    assertTrue(missing.headers().get("Content-Security-Policy").contains("sandbox"));
    Reply page = r.handle(Request.get("/", Map.of()));
    assertEquals(Assets.CSP, page.headers().get("Content-Security-Policy"));
    assertEquals(400, r.handle(Request.get("/api/ponds/../x", Map.of())).status());
  }

  @Test
  void anEmptyCatchmentAnswersAndTheViewWritesNothing() throws Exception {
    Router r = router();
    List<Path> before = tree();
    assertEquals(200, r.handle(Request.get("/api/status", Map.of())).status());
    assertEquals(200, r.handle(Request.get("/api/runs", Map.of())).status());
    assertEquals(200, r.handle(Request.get("/metrics", Map.of())).status());
    assertEquals(404, r.handle(Request.get("/api/ponds/x", Map.of())).status());
    assertEquals(
        404, r.handle(Request.get("/api/query", Map.of("pond", "x", "sql", "SELECT 1"))).status());
    assertEquals(before, tree());
  }

  private List<Path> tree() throws Exception {
    try (Stream<Path> s = Files.walk(root)) {
      return s.sorted().toList();
    }
  }
}
