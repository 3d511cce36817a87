package dev.duckstring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on. */
final class Machine {
  private Machine() {}

  static Map<String, Object> facts() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", cpu());
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memory_gib", Math.round(memKb() / 1024.0 / 1024.0));
    m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    m.put(
        "java",
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    return m;
  }

  static String describe() {
    Map<String, Object> f = facts();
    return f.get("cpu")
        + ", "
        + f.get("cores")
        + " cores, "
        + f.get("memory_gib")
        + " GiB, "
        + f.get("os")
        + ", "
        + f.get("java");
  }

  private static String cpu() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (l.startsWith("model name")) {
          return l.substring(l.indexOf(':') + 1).strip();
        }
      }
    } catch (IOException e) {
      return System.getProperty("os.arch");
    }
    return System.getProperty("os.arch");
  }

  private static long memKb() {
    try {
      for (String l : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (l.startsWith("MemTotal:")) {
          return Long.parseLong(l.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
