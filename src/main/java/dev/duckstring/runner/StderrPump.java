package dev.duckstring.runner;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Copies a child's stderr into its log and remembers the last non-blank line for the error. */
final class StderrPump implements Runnable {
  private static final int MAX_LINE = 2000;

  private final InputStream in;
  private final OutputStream log;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private String lastLine;

  StderrPump(InputStream in, OutputStream log) {
    this.in = in;
    this.log = log;
  }

  @Override
  public void run() {
    byte[] buf = new byte[8192];
    try (in) {
      int n;
      while ((n = in.read(buf)) >= 0) {
        synchronized (log) {
          log.write(buf, 0, n);
          log.flush();
        }
        for (int i = 0; i < n; i++) {
          take(buf[i]);
        }
      }
    } catch (IOException e) {
      // The pipe or the log closed under us: the process is gone or the run was abandoned.
    }
    endLine();
  }

  /** The last non-blank line written to stderr so far, stripped, or null. */
  synchronized String lastLine() {
    return lastLine;
  }

  private void take(byte b) {
    if (b == '\n') {
      endLine();
    } else if (line.size() < MAX_LINE) {
      line.write(b);
    }
  }

  private synchronized void endLine() {
    String text = line.toString(StandardCharsets.UTF_8).strip();
    if (!text.isEmpty()) {
      lastLine = text;
    }
    line.reset();
  }
}
