package dev.duckstring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Enforces DESIGN.md §6: each package uses only the packages and libraries it may, checked on the
 * compiled classes (a name written anywhere in the code counts) and on the import lines (a constant
 * that javac inlines leaves no trace in the bytecode).
 */
class LayeringTest {
  private static final Path MAIN = Path.of("src/main/java/dev/duckstring");
  private static final String ROOT = "dev.duckstring.";
  private static final Pattern IMPORT =
      Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

  /** The project packages each package may use (itself always allowed). */
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
          "daemon",
              Set.of("model", "fs", "manifest", "catchment", "engine", "runner", "deploy", "http"),
          "cli",
              Set.of(
                  "model",
                  "fs",
                  "manifest",
                  "catchment",
                  "engine",
                  "runner",
                  "deploy",
                  "http",
                  "daemon"));

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
  void compiledClassesUseOnlyWhatComesBeforeThem() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.duckstring");
    assertTrue(classes.contain("dev.duckstring.model.LineId"), "the main classes were not found");
    assertTrue(classes.contain("dev.duckstring.cli.Cli"), "the main classes were not found");
    assertEquals(List.of(), violations(classes));
  }

  @Test
  void packagesImportOnlyWhatComesBeforeThem() throws IOException {
    assertEquals(List.of(), importViolations(MAIN));
  }

  /**
   * The fixture behind the bytecode check: a fully qualified name inside a method body passes the
   * import lines unseen, and the compiled classes still give it away.
   */
  @Test
  void aQualifiedNameInAMethodBodyIsCaught(@TempDir Path tmp) throws IOException {
    Path src = tmp.resolve("src/dev/duckstring");
    write(
        src.resolve("daemon/Top.java"),
        "package dev.duckstring.daemon;\n"
            + "public final class Top { public static int answer() { return 42; } }\n");
    write(
        src.resolve("model/Low.java"),
        "package dev.duckstring.model;\n"
            + "final class Low { int upward() { return dev.duckstring.daemon.Top.answer(); } }\n");
    write(
        src.resolve("engine/Pure.java"),
        "package dev.duckstring.engine;\n"
            + "final class Pure { Object io() { return java.nio.file.Path.of(\"x\"); } }\n");
    Path classes = Files.createDirectories(tmp.resolve("classes"));
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertNotNull(javac, "the tests need a JDK");
    List<String> args = new ArrayList<>(List.of("-d", classes.toString()));
    try (Stream<Path> files = Files.walk(src)) {
      files.filter(Files::isRegularFile).forEach(f -> args.add(f.toString()));
    }
    assertEquals(0, javac.run(null, null, null, args.toArray(String[]::new)));

    assertEquals(List.of(), importViolations(src), "the import lines show nothing");
    assertEquals(
        List.of(
            "dev.duckstring.engine.Pure uses java.nio.file.Path (the engine does no I/O)",
            "dev.duckstring.model.Low uses dev.duckstring.daemon.Top"),
        violations(new ClassFileImporter().importPath(classes)).stream()
            .map(v -> v.replaceAll(" at \\(.*\\)$", ""))
            .toList());
  }

  @Test
  void everyPackageHasPackageInfo() throws IOException {
    try (Stream<Path> dirs = Files.list(MAIN)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        assertTrue(Files.exists(d.resolve("package-info.java")), d + " has no package-info.java");
      }
    }
  }

  /** Every forbidden use among {@code classes}, once per class and target, with where it is. */
  private static List<String> violations(JavaClasses classes) {
    Set<String> seen = new TreeSet<>();
    List<String> out = new ArrayList<>();
    for (JavaClass c : classes) {
      Optional<String> pkg = projectPackage(c.getPackageName());
      if (pkg.isEmpty()) {
        continue; // dev.duckstring.Main wires everything together
      }
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getBaseComponentType().getName();
        Optional<String> why = forbidden(pkg.get(), target);
        if (why.isPresent() && seen.add(c.getName() + " " + target)) {
          out.add(c.getName() + " uses " + target + why.get() + " at " + d.getSourceCodeLocation());
        }
      }
    }
    return out.stream().sorted().toList();
  }

  /** The import lines of the sources under {@code main} that name what their package may not. */
  private static List<String> importViolations(Path main) throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(main)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        Path rel = main.relativize(f);
        if (rel.getNameCount() < 2) {
          continue; // Main.java
        }
        String pkg = rel.getName(0).toString();
        Matcher m = IMPORT.matcher(Files.readString(f));
        while (m.find()) {
          String imp = m.group(2);
          forbidden(pkg, imp).ifPresent(why -> out.add(rel + " imports " + imp + why));
        }
      }
    }
    return out;
  }

  /** The first project package below {@code dev.duckstring} of a package name, if any. */
  private static Optional<String> projectPackage(String name) {
    if (!name.startsWith(ROOT)) {
      return Optional.empty();
    }
    String pkg = name.substring(ROOT.length()).split("\\.")[0];
    assertTrue(ALLOWED.containsKey(pkg), "unknown package " + pkg);
    return Optional.of(pkg);
  }

  /** Why {@code pkg} may not use the class (or import) {@code name}: empty if it may. */
  private static Optional<String> forbidden(String pkg, String name) {
    if (name.startsWith(ROOT)) {
      String other = name.substring(ROOT.length()).split("\\.")[0];
      if (!other.equals(pkg) && !ALLOWED.get(pkg).contains(other)) {
        return Optional.of("");
      }
    }
    for (var lib : LIBRARIES.entrySet()) {
      if (name.startsWith(lib.getKey() + ".") && !lib.getValue().equals(pkg)) {
        return Optional.of(" (only " + lib.getValue() + " may)");
      }
    }
    if (pkg.equals("engine") && name.startsWith("java.nio.file")) {
      return Optional.of(" (the engine does no I/O)");
    }
    return Optional.empty();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
