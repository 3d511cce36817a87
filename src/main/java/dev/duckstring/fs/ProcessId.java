package dev.duckstring.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's id: on Linux the target of {@code /proc/self}, one system call; elsewhere {@link
 * ProcessHandle}, whose class starts a thread pool factory through the JVM's lambda machinery, a
 * few milliseconds of a CLI start that would use it for nothing else (decision 59).
 */
public final class ProcessId {
  private static long pid = -1;

  private ProcessId() {}

  /** The id of this process. */
  public static synchronized long current() {
    if (pid < 0) {
      pid = fromProc();
      if (pid < 0) {
        pid = ProcessHandle.current().pid();
      }
    }
    return pid;
  }

  /** The pid {@code /proc/self} links to, or -1 where there is no such link. */
  static long fromProc() {
    try {
      String name = Files.readSymbolicLink(Path.of("/proc/self")).toString();
      if (name.isEmpty() || name.length() > 18) {
        return -1;
      }
      for (int i = 0; i < name.length(); i++) {
        if (name.charAt(i) < '0' || name.charAt(i) > '9') {
          return -1;
        }
      }
      return Long.parseLong(name);
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return -1;
    }
  }
}
