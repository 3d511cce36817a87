package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease races between two real JVMs (kernel locks are per process). 40 races here; the chaos script
 * runs 200 with {@code -Dduckstring.leaseRaces=200}, or {@link LeaseRaces#main} directly.
 */
class LeaseRaceIT {
  @TempDir Path tmp;

  @Test
  void twoDaemonProcessesOverAStaleLockExactlyOneWinsEveryRace() throws Exception {
    int races = Integer.getInteger("duckstring.leaseRaces", 40);
    LeaseRaces.Outcome o = LeaseRaces.run(races, tmp);
    assertEquals(races, o.oneWinner(), String.join("\n", o.failures()));
  }
}
