package dev.duckstring.runner;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Makes file modes bind a command Ripple started by a daemon that may override them (root): the
 * child runs through {@code setpriv} without {@code CAP_DAC_OVERRIDE}, so a read-only published
 * file cannot be opened for writing. Elsewhere (an ordinary user) the command runs as it is.
 */
final class FileModeGuard {
  private static final int CAP_DAC_OVERRIDE = 1;
  private static final List<String> SETPRIV = List.of("/usr/bin/setpriv", "/bin/setpriv");
  private static volatile List<String> prefix;

  private FileModeGuard() {}

  /**
   * {@code command} (its program already resolved), prefixed to drop the override where this
   * process has it; a program that cannot be found is left as it is, so the start error stays the
   * runner's own.
   */
  static List<String> wrap(List<String> command) {
    List<String> p = prefix();
    if (p.isEmpty() || !findable(command.get(0))) {
      return command;
    }
    List<String> out = new ArrayList<>(p);
    out.addAll(command);
    return out;
  }

  private static List<String> prefix() {
    List<String> p = prefix;
    if (p == null) {
      p = probe();
      prefix = p;
    }
    return p;
  }

  /** The setpriv prefix if this process can override file modes and setpriv can drop that. */
  private static List<String> probe() {
    if (!hasDacOverride()) {
      return List.of();
    }
    for (String setpriv : SETPRIV) {
      if (!Files.isExecutable(Path.of(setpriv))) {
        continue;
      }
      List<String> p =
          List.of(setpriv, "--inh-caps=-dac_override", "--bounding-set=-dac_override", "--");
      List<String> test = new ArrayList<>(p);
      test.add("true");
      try {
        Process proc = new ProcessBuilder(test).redirectErrorStream(true).start();
        proc.getInputStream().transferTo(OutputStream.nullOutputStream());
        if (proc.waitFor(10, TimeUnit.SECONDS) && proc.exitValue() == 0) {
          return p;
        }
        proc.destroyForcibly();
      } catch (IOException e) {
        // cannot use this one
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return List.of();
      }
    }
    return List.of();
  }

  /** True when this process's effective capabilities include CAP_DAC_OVERRIDE (Linux). */
  private static boolean hasDacOverride() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("CapEff:")) {
          long caps = Long.parseUnsignedLong(line.substring(7).strip(), 16);
          return (caps & (1L << CAP_DAC_OVERRIDE)) != 0;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or no /proc: file modes are the guard as they are
    }
    return false;
  }

  private static boolean findable(String program) {
    if (program.indexOf('/') >= 0) {
      Path p = Path.of(program);
      return Files.isRegularFile(p) && Files.isExecutable(p);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return false;
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path p = Path.of(dir).resolve(program);
        if (Files.isRegularFile(p) && Files.isExecutable(p)) {
          return true;
        }
      }
    }
    return false;
  }
}
