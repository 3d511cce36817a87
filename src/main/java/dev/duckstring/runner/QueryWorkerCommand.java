package dev.duckstring.runner;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The command line of one query worker: a small JVM started under {@code ulimit -v}. */
final class QueryWorkerCommand {
  private QueryWorkerCommand() {}

  /**
   * The worker's command: {@code addressSpace} bytes of virtual memory at most, statements stopped
   * after {@code timeout}, DuckDB with {@code duckDb}'s threads and memory.
   */
  static List<String> of(long addressSpace, Duration timeout, DuckDbOptions duckDb) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>();
    cmd.add("/bin/sh");
    cmd.add("-c");
    cmd.add(
        "ulimit -v "
            + (addressSpace / 1024)
            + " || exit "
            + QueryWorkers.NO_LIMIT
            + "; exec \"$0\" \"$@\"");
    cmd.add(java);
    cmd.addAll(
        List.of(
            "-Xmx" + QueryWorkers.HEAP,
            "-Xss512k",
            "-XX:ReservedCodeCacheSize=32m",
            "-XX:MaxMetaspaceSize=64m",
            "-XX:CompressedClassSpaceSize=32m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData",
            "-XX:ErrorFile=/dev/null",
            "-XX:+DisplayVMOutputToStderr",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            QueryWorker.class.getName(),
            Long.toString(Math.max(1, timeout.toSeconds())),
            Integer.toString(duckDb.threads()),
            duckDb.memoryLimit()));
    return cmd;
  }
}
