package dev.duckstring.daemon;

import dev.duckstring.catchment.Deployed;
import dev.duckstring.model.DataTest;
import dev.duckstring.model.LineId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything a worker needs to run the data tests of one run before its publish (decision 49),
 * fixed on the reactor thread.
 *
 * @param deployed the version that made the run (its tree holds {@code tests/*.sql})
 * @param tests that version's data tests, never empty
 * @param own the Ripple outputs the publish would make the generation, Ripple to directory
 * @param sources each Source Pond's generation the run read (pinned until the tests end)
 */
record TestJob(
    LineId line,
    Instant f,
    Deployed deployed,
    List<DataTest> tests,
    Map<String, Path> own,
    Map<String, Path> sources) {
  TestJob {
    tests = List.copyOf(tests);
    own = Map.copyOf(own);
    sources = Map.copyOf(sources);
  }
}
