package dev.duckstring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Enforces DESIGN.md §6: each package imports only the packages and libraries it may. */
class LayeringTest {
  private static final Path MAIN = Path.of("src/main/java/dev/duckstring");
  private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

  /** The project packages each package may import (itself always allowed). */
  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "model", Set.of(),
          "fs", Set.of("model"),
          "manifest", Set.of("model", "fs"),
          "catchment", Set.of("model", "fs", "manifest"),
          "engine", Set.of("model"),
          "runner", Set.of("model", "fs"),
          "deploy", Set.of("model", "fs", "manifest", "catchment"),
          "http", Set.of("model", "fs", "manifest", "catchment", "runner"),
          "daemon", Set.of("model", "fs", "manifest", "catchment", "engine", "runner", "deploy", "http"),
          "cli", Set.of("model", "fs", "manifest", "catchment", "engine", "runner", "deploy", "http", "daemon"));

  /** Each third-party library lives in exactly one package. */
  private static final Map<String, String> LIBRARIES =
      Map.of(
          "org.tomlj", "manifest",
          "org.duckdb", "runner",
          "java.sql", "runner",
          "org.eclipse.jgit", "deploy",
          "fi.iki.elonen", "http",
          "joptsimple", "cli",
          "com.cronutils", "daemon",
          "com.google.gson", "fs",
          "org.semver4j", "model");

  @Test
  void packagesImportOnlyWhatComesBeforeThem() throws IOException {
    List<String> violations = new ArrayList<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
        Path rel = MAIN.relativize(f);
        if (rel.getNameCount() < 2) {
          continue; // Main.java
        }
        String pkg = rel.getName(0).toString();
        assertTrue(ALLOWED.containsKey(pkg), "unknown package " + pkg);
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          String imp = m.group(2);
          if (imp.startsWith("dev.duckstring.")) {
            String other = imp.substring("dev.duckstring.".length()).split("\\.")[0];
            if (!other.equals(pkg) && !ALLOWED.get(pkg).contains(other)) {
              violations.add(rel + " imports " + imp);
            }
          }
          for (var lib : LIBRARIES.entrySet()) {
            if (imp.startsWith(lib.getKey() + ".") && !lib.getValue().equals(pkg)) {
              violations.add(rel + " imports " + imp + " (only " + lib.getValue() + " may)");
            }
          }
          if (pkg.equals("engine") && imp.startsWith("java.nio.file")) {
            violations.add(rel + " imports " + imp + " (the engine does no I/O)");
          }
        }
      }
    }
    assertEquals(List.of(), violations);
  }

  @Test
  void everyPackageHasPackageInfo() throws IOException {
    try (Stream<Path> dirs = Files.list(MAIN)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        assertTrue(Files.exists(d.resolve("package-info.java")), d + " has no package-info.java");
      }
    }
  }
}
