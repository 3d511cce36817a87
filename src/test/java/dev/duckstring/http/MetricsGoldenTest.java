package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.runner.QueryOptions;
import dev.duckstring.runner.QueryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pins {@code /metrics} byte for byte: a fixed root (the demo chain after one pulse, as a daemon
 * wrote it, plus a failed line with a cron tide and a running line that was never fresh) rendered
 * at a fixed instant. {@code -Dgolden.update=true} rewrites the golden file.
 */
class MetricsGoldenTest {
  static final Path FIXTURE = Path.of("src/test/resources/metrics-root");
  static final Path GOLDEN = Path.of("src/test/resources/golden/metrics.txt");
  static final Instant AT = Instant.parse("2026-11-29T01:10:00Z");

  @TempDir Path tmp;

  @Test
  void metricsOfAFixedRootMatchTheGoldenFile() throws Exception {
    Path root = copy(FIXTURE, tmp.resolve("root"));
    Router router =
        new Router(
            new CatchmentLayout(root),
            "dev",
            Clock.fixed(AT, ZoneOffset.UTC),
            new QueryService(QueryOptions.lockedDown(Duration.ofSeconds(5))));
    Reply reply = router.handle(Request.get("/metrics", Map.of()));
    assertEquals(200, reply.status(), reply.text());
    assertEquals(Metrics.CONTENT_TYPE, reply.contentType());
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(GOLDEN, reply.text());
    }
    assertEquals(Files.readString(GOLDEN), reply.text());
  }

  private static Path copy(Path from, Path to) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(from)) {
      files = s.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      Path target = to.resolve(from.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.copy(f, target);
    }
    return to;
  }
}
