package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondPin;
import dev.duckstring.model.PondVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a read names (decision 46): majors, versions checked against the version that made the data,
 * and one-line refusals that say what there is.
 */
class PublishedLinesTest {
  @TempDir Path root;
  CatchmentLayout layout;
  PublishedLines lines;

  @BeforeEach
  void root() throws Exception {
    layout = new CatchmentLayout(root);
    for (String v : List.of("1.0.0", "1.1.0", "2.0.0", "3.0.0")) {
      Path dir = layout.version("outlet", PondVersion.parse(v));
      Files.createDirectories(dir);
      Files.writeString(dir.resolve("DEPLOY.toml"), "");
    }
    publish(new LineId("outlet", 1), "g1");
    publish(new LineId("outlet", 2), "g2");
    lines = new PublishedLines(layout);
  }

  private void publish(LineId line, String generation) throws Exception {
    Files.createDirectories(layout.generation(line, generation).resolve("daily"));
    Files.writeString(layout.current(line), generation + "\n");
  }

  private void status(LineId line, String version, String made, boolean pending) {
    new StatusStore(layout)
        .write(line, LineStatus.of(line, version, List.of(), List.of()).withCode(made, pending));
  }

  private String fails(String pin) {
    return assertThrows(DuckstringException.class, () -> lines.read(PondPin.parse(pin)))
        .getMessage();
  }

  @Test
  void noPinReadsTheHighestMajorAndSaysWhichLinesHaveData() {
    assertEquals(new LineId("outlet", 3), lines.line(PondPin.parse("outlet")));
    assertEquals(
        "outlet@3 has not published anything yet (pulse it); published: outlet@1, outlet@2",
        fails("outlet"));
  }

  @Test
  void aMajorPinReadsThatMajorsGeneration() {
    PublishedLines.Read read = lines.read(PondPin.parse("outlet@1"));
    assertEquals(new LineId("outlet", 1), read.line());
    assertEquals(layout.generation(new LineId("outlet", 1), "g1"), read.generation());
    assertEquals("outlet@4: outlet has no major 4; it has majors 1, 2, 3", fails("outlet@4"));
    assertEquals(fails("outlet"), fails("outlet@3"));
  }

  @Test
  void aVersionPinMustBeTheVersionThatMadeTheData() {
    LineId one = new LineId("outlet", 1);
    status(one, "1.1.0", "1.0.0", true); // 1.1.0 deployed, not run yet
    assertEquals(one, lines.read(PondPin.parse("outlet@1.0.0")).line());
    assertEquals(
        "outlet@1.1.0: the published data of outlet@1 was made by 1.0.0, not 1.1.0; read outlet@1"
            + " or outlet@1.0.0",
        fails("outlet@1.1.0"));
    assertEquals(
        "outlet@1.2.0: outlet has no version 1.2.0; deployed: 1.0.0, 1.1.0, 2.0.0, 3.0.0",
        fails("outlet@1.2.0"));
    assertEquals(
        "outlet@4.0.0: outlet has no version 4.0.0; deployed: 1.0.0, 1.1.0, 2.0.0, 3.0.0",
        fails("outlet@4.0.0"));

    status(one, "1.1.0", null, true); // the maker is not known
    assertEquals(
        "outlet@1.0.0: which version made the published data of outlet@1 is not known"
            + " (status.json does not say); read outlet@1",
        fails("outlet@1.0.0"));
    assertEquals(one, lines.read(PondPin.parse("outlet@1")).line());

    // No status.json at all: the version the line runs.
    assertEquals(new LineId("outlet", 2), lines.read(PondPin.parse("outlet@2.0.0")).line());
  }
}
