package dev.duckstring.daemon;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The long form of {@link OverlapIT}: {@code -Dduckstring.soak=<seconds>} (default 600) of a wave
 * and pulses on the demo chain. Tagged {@code soak}, which {@code make test} excludes; run it with
 * {@code make soak}.
 */
@Tag("soak")
class OverlapSoakIT {
  @TempDir Path tmp;

  @Test
  void aWaveAndPulsesRunWithoutAFailureForTheWholeSoak() throws Exception {
    long seconds = Long.getLong("duckstring.soak", 600);
    OverlapIT.drive(tmp, Duration.ofSeconds(seconds));
  }
}
