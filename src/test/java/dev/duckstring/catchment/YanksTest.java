package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.manifest.YankFile;
import dev.duckstring.model.LineId;
import dev.duckstring.model.LineState;
import dev.duckstring.model.PondVersion;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fallback rule of yanked versions (decision 45), the YANKED file and how status shows it. */
class YanksTest {
  private static List<PondVersion> vs(String... texts) {
    return List.of(texts).stream().map(PondVersion::parse).toList();
  }

  private static Optional<PondVersion> v(String text) {
    return Optional.of(PondVersion.parse(text));
  }

  @Test
  void aLineRunsTheHighestVersionOfItsMajorThatIsNotYanked() {
    List<PondVersion> deployed = vs("1.0.0", "1.1.0", "1.2.0", "2.0.0");
    assertEquals(v("1.2.0"), Yanks.runnable(deployed, vs(), 1));
    assertEquals(v("1.1.0"), Yanks.runnable(deployed, vs("1.2.0"), 1));
    assertEquals(v("1.0.0"), Yanks.runnable(deployed, vs("1.1.0", "1.2.0"), 1));
    assertEquals(v("1.2.0"), Yanks.runnable(deployed, vs("1.1.0"), 1), "a hole is skipped");
    assertEquals(v("2.0.0"), Yanks.runnable(deployed, vs("1.2.0"), 2), "other majors untouched");
    assertEquals(
        v("1.1.0-rc.1"),
        Yanks.runnable(vs("1.0.0", "1.1.0-rc.1", "1.1.0"), vs("1.1.0"), 1),
        "semver order");
  }

  @Test
  void everyVersionYankedRunsNothingAndSaysWhich() {
    List<PondVersion> deployed = vs("1.0.0", "1.1.0", "2.0.0");
    assertEquals(Optional.empty(), Yanks.runnable(deployed, vs("1.0.0", "1.1.0"), 1));
    assertEquals(
        "every version of outlet@1 is yanked (1.0.0, 1.1.0); unyank one or deploy a new version",
        Yanks.everyVersion(new LineId("outlet", 1), vs("1.1.0", "2.0.0", "1.0.0")));
  }

  @Test
  void aYankedFileIsReadLeniently() {
    assertEquals(new YankFile(null, null), YankFile.parse(new byte[0]), "an empty file");
    assertEquals(new YankFile("bad join", null), parse("reason = \"bad join\"\n"));
    assertEquals(new YankFile("bad join", null), parse("bad join\nmore\n"), "plain text");
    Instant at = Instant.parse("2026-04-01T10:00:00Z");
    String written = YankFile.toml("a \"quoted\"\nreason", at);
    assertEquals(new YankFile("a \"quoted\"\nreason", at), parse(written), written);
    assertEquals(new YankFile(null, at), parse(YankFile.toml(null, at)));
    assertEquals(" (\"bad join\")", new YankFile("bad join", null).because());
  }

  private static YankFile parse(String text) {
    return YankFile.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void statusShowsTheYankedVersionsBesideTheVersion() {
    LineId line = new LineId("outlet", 1);
    LineStatus s = LineStatus.of(line, "1.0.0", List.of("1.0.0", "1.1.0"), List.of());
    assertEquals("1.0.0", s.versionShown());
    assertEquals("1.0.0 (1.1.0 yanked)", s.withYanked(List.of("1.1.0")).versionShown());
    assertEquals(
        "1.1.0 (1.0.0 pending, 1.1.0 yanked)",
        s.withCode("1.1.0", true).withYanked(List.of("1.1.0")).versionShown());
    LineStatus idle =
        LineStatus.of(line, null, List.of("1.0.0", "1.1.0"), List.of())
            .withYanked(List.of("1.0.0", "1.1.0"));
    assertEquals("- (1.0.0, 1.1.0 yanked)", idle.versionShown());
    assertEquals(LineState.IDLE, idle.state());
    assertTrue(s.yankedVersions().isEmpty());
  }
}
