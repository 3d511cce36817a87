package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duckstring.runner.Sampling;
import org.junit.jupiter.api.Test;

/** The checks of {@code --rows} and {@code --sample}. */
class PondHydrateCommandTest {
  @Test
  void rowsAndSampleAreCheckedBeforeAnything() {
    assertEquals(Sampling.all(), PondHydrateCommand.sampling(null, null));
    assertEquals(Sampling.firstRows(10), PondHydrateCommand.sampling("10", null));
    assertEquals(Sampling.firstRows(0), PondHydrateCommand.sampling("0", null));
    assertEquals(Sampling.percent(1), PondHydrateCommand.sampling(null, "1%"));
    assertEquals(Sampling.percent(0.5), PondHydrateCommand.sampling(null, "0.5%"));
    assertEquals(Sampling.percent(100), PondHydrateCommand.sampling(null, "100"));
    for (String[] bad :
        new String[][] {
          {"-1", null},
          {"ten", null},
          {"1.5", null},
          {null, "0%"},
          {null, "abc"},
          {null, "101%"},
          {null, "-1%"},
          {null, "1e2%"},
          {"5", "1%"}
        }) {
      assertThrows(
          PondProject.BadArgument.class,
          () -> PondHydrateCommand.sampling(bad[0], bad[1]),
          bad[0] + " " + bad[1]);
    }
  }
}
