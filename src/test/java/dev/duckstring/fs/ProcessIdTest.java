package dev.duckstring.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link ProcessId} is the JVM's own pid, by /proc/self where there is one. */
class ProcessIdTest {
  @Test
  void isThisProcess() {
    assertEquals(ProcessHandle.current().pid(), ProcessId.current());
    if (Files.isSymbolicLink(Path.of("/proc/self"))) {
      assertEquals(ProcessHandle.current().pid(), ProcessId.fromProc());
    } else {
      assertTrue(ProcessId.fromProc() < 0);
    }
  }
}
