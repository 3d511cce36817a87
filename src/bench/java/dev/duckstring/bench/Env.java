package dev.duckstring.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the benchmark runs: the checkout (for {@code bin/duckstring} and the packaged jar), a
 * scratch directory removed at the end, and a private DUCKSTRING_HOME for registrations.
 */
record Env(Path checkout, Path scratch, boolean quick) {
  Path home() {
    return scratch.resolve("home");
  }

  Path jar() {
    return checkout.resolve("target/duckstring.jar");
  }

  Path lib() {
    return checkout.resolve("target/lib");
  }

  /** The java command and class path of the packaged CLI, without its main class. */
  List<String> java() {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBin());
    cmd.add("-cp");
    cmd.add(jar() + ":" + lib() + "/*");
    return cmd;
  }

  static String javaBin() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** A new empty directory under the scratch directory. */
  Path dir(String name) throws IOException {
    Path d = scratch.resolve(name);
    deleteTree(d);
    return Files.createDirectories(d);
  }

  static void deleteTree(Path d) throws IOException {
    if (!Files.exists(d)) {
      return;
    }
    try (Stream<Path> s = Files.walk(d)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Free bytes on the scratch file system. */
  long freeDisk() throws IOException {
    return Files.getFileStore(scratch).getUsableSpace();
  }
}
