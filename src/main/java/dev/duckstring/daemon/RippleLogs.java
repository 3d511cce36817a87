package dev.duckstring.daemon;

import dev.duckstring.fs.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;

/** A Ripple's log file in its run's work directory: its one-line summary, errors and retries. */
final class RippleLogs {
  private RippleLogs() {}

  /** Writes the Ripple's one-line log atomically, without fsync (decision 57: run.json has it). */
  static void write(RippleJob job, String text) {
    AtomicFiles.writeUnsynced(job.log(), text.getBytes(StandardCharsets.UTF_8));
  }

  /** Appends {@code text} to the Ripple's log; a failure to write is ignored. */
  static void append(RippleJob job, String text) {
    try {
      Files.createDirectories(job.log().getParent());
      Files.writeString(job.log(), text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      // the error also reaches the run record and status
    }
  }
}
