package dev.duckstring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The daemon and the CLI never load a Spark class (decision 56): nothing in src/main names {@code
 * org.apache.spark} (in its imports or its compiled classes), and the Spark Ripple driver, built
 * only by 'make spark' from src/spark, is named in src/main only as the main class of a child JVM.
 */
class SparkIsolationTest {
  private static final Path MAIN = Path.of("src/main/java");

  @Test
  void noMainClassDependsOnSpark() {
    TreeSet<String> bad = new TreeSet<>();
    for (JavaClass c :
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.duckstring")) {
      for (Dependency d : c.getDirectDependenciesFromSelf()) {
        String target = d.getTargetClass().getName();
        if (target.startsWith("org.apache.spark.") || target.startsWith("dev.duckstring.spark.")) {
          bad.add(c.getName() + " -> " + target);
        }
      }
    }
    assertEquals(new TreeSet<>(), bad);
  }

  @Test
  void noMainSourceNamesSparkExceptTheChildProcessesMainClasses() throws IOException {
    // the main classes of the two child JVMs (the driver, a local Spark Connect server) are named
    // as strings on their command lines; nothing else in src/main may name Spark
    List<String> launched =
        List.of(
            "\"dev.duckstring.spark.SparkRippleMain\"",
            "\"org.apache.spark.sql.connect.service.SparkConnectServer\"");
    TreeSet<String> bad = new TreeSet<>();
    try (Stream<Path> s = Files.walk(MAIN)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
        List<String> lines = Files.readAllLines(f);
        for (String line : lines) {
          if ((line.contains("org.apache.spark") || line.contains("dev.duckstring.spark"))
              && launched.stream().noneMatch(line::contains)) {
            bad.add(MAIN.relativize(f) + ": " + line.strip());
          }
        }
      }
    }
    assertEquals(new TreeSet<>(), bad);
    assertTrue(
        Files.isRegularFile(Path.of("src/spark/java/dev/duckstring/spark/SparkRippleMain.java")));
  }
}
