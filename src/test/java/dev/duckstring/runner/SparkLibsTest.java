package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.SparkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The driver's command line names the class-data archive only for a local driver that has one. */
class SparkLibsTest {
  @TempDir Path dir;

  List<String> command(SparkSettings settings) {
    return SparkLibs.in(dir).command(settings, dir.resolve("log4j2.properties"), dir.resolve("r"));
  }

  @Test
  void theArchiveIsNamedForThisJvmsBuildInTheLibraryDirectory() {
    Path archive = SparkLibs.in(dir).archive();
    assertEquals(dir.toAbsolutePath(), archive.getParent());
    String name = archive.getFileName().toString();
    assertTrue(name.matches("classic-[A-Za-z0-9._-]+\\.jsa"), name);
    assertTrue(
        name.contains(System.getProperty("java.vm.version").replace('+', '_')),
        name + " names " + System.getProperty("java.vm.version"));
  }

  @Test
  void noArchiveNoFlag() {
    assertTrue(
        command(SparkSettings.local("local[2]")).stream()
            .noneMatch(a -> a.startsWith("-XX:SharedArchiveFile")));
  }

  @Test
  void aLocalDriverStartsFromTheArchiveAndAConnectClientDoesNot() throws IOException {
    Path archive = Files.createFile(SparkLibs.in(dir).archive());
    List<String> local = command(SparkSettings.local("local[2]"));
    int heap = local.indexOf("-Xmx1g");
    assertTrue(heap > 0, local.toString());
    assertEquals("-XX:SharedArchiveFile=" + archive, local.get(heap + 1));
    assertEquals("-Xlog:cds*=off", local.get(heap + 2));
    List<String> remote = command(SparkSettings.connectTo("sc://localhost:15002"));
    assertFalse(remote.stream().anyMatch(a -> a.startsWith("-XX:SharedArchiveFile")), "" + remote);
  }
}
