package dev.duckstring.daemon;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Everything a worker needs to run one Ripple, fixed on the reactor thread when it starts.
 *
 * @param output where the completed output must end up (written via a sibling temporary)
 * @param sources each Source Pond's published generation at start
 * @param own this line's latest completed Ripple outputs at start, and for the Ripple itself its
 *     previous output (pinned by {@link Outputs} until the job's RippleDone is processed)
 * @param log the Ripple's log file in the run record
 */
record RippleJob(
    LineId line,
    String ripple,
    Instant f,
    Deployed deployed,
    Path output,
    Map<String, Path> sources,
    Map<String, Path> own,
    Path log) {
  RippleJob {
    sources = Map.copyOf(sources);
    own = Map.copyOf(own);
  }
}
