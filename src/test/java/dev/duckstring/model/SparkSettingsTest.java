package dev.duckstring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SparkSettingsTest {
  @Test
  void theFactoriesTakeTheDefaults() {
    SparkSettings local = SparkSettings.local("local[2]");
    assertEquals("local[2]", local.master());
    assertNull(local.remote());
    assertFalse(local.connect());
    assertEquals("1g", local.driverMemory());
    assertEquals("-Xmx1g", local.heapFlag());
    assertEquals(List.of(), local.javaOptions());
    assertEquals(Duration.ofSeconds(30), local.connectTimeout());
    assertEquals(local, new SparkSettings("local[2]", null, null, null));
    SparkSettings remote = SparkSettings.connectTo("sc://h:15002").withRootUri("file:///mnt/x");
    assertTrue(remote.connect());
    assertEquals("file:///mnt/x", remote.rootUri());
    assertEquals(Map.of("a", "b"), remote.withConf(Map.of("a", "b")).conf());
    SparkSettings c1 = local.withJavaOptions(List.of("-XX:TieredStopAtLevel=1"));
    assertEquals(List.of("-XX:TieredStopAtLevel=1"), c1.javaOptions());
    assertEquals(local, c1.withJavaOptions(List.of()), "only the options changed");
  }

  @Test
  void badValuesAreRefusedInOneLine() {
    assertEquals(
        "[spark] needs exactly one of master and remote",
        assertThrows(
                DuckstringException.class, () -> new SparkSettings("local", "sc://h:1", null, null))
            .getMessage());
    assertThrows(DuckstringException.class, () -> new SparkSettings(null, null, null, null));
    assertThrows(DuckstringException.class, () -> SparkSettings.connectTo("http://h:15002"));
    assertThrows(DuckstringException.class, () -> SparkSettings.connectTo("sc://h"));
    assertThrows(
        DuckstringException.class,
        () -> new SparkSettings("local", null, null, null, "1GB", null, null));
    assertThrows(
        DuckstringException.class,
        () -> SparkSettings.local("local").withConnectTimeout(Duration.ZERO));
    assertNull(SparkSettings.remoteProblem("sc://h:15002/;use_ssl=true;token=abc"));
    assertNull(SparkSettings.memoryProblem("512m"));
  }
}
