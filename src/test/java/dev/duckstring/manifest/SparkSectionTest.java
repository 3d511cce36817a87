package dev.duckstring.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.SparkSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** catchment.toml's {@code [spark]}: read strictly, defaults, written back (decision 55). */
class SparkSectionTest {
  @TempDir Path dir;

  private CatchmentConfig read(String toml) throws Exception {
    Path file = dir.resolve("catchment.toml");
    Files.writeString(file, "name = \"dev\"\n" + toml);
    return CatchmentConfig.read(file);
  }

  private String error(String toml) {
    return assertThrows(ManifestException.class, () -> read(toml))
        .getMessage()
        .replace(dir.resolve("catchment.toml").toString(), "catchment.toml");
  }

  @Test
  void noSectionMeansNoSparkAndTheFileShowsACommentedExample() throws Exception {
    CatchmentConfig d = CatchmentConfig.defaults("dev", 5000);
    assertNull(d.spark());
    assertTrue(d.toToml().contains("\n# [spark]\n# master = \"local[2]\""), d.toToml());
    assertEquals(d, read(d.toToml().replace("name = \"dev\"\n", "")));
  }

  @Test
  void aLocalMasterTakesTheDriverDefaults() throws Exception {
    SparkSettings s = read("[spark]\nmaster = \"local[2]\"\n").spark();
    assertEquals(SparkSettings.local("local[2]"), s);
    assertEquals("1g", s.driverMemory());
    assertEquals("-Xmx1g", s.heapFlag());
    assertEquals(List.of(), s.javaOptions());
    assertEquals(Duration.ofSeconds(30), s.connectTimeout());
    assertNull(s.rootUri());
    assertEquals(Map.of(), s.conf());
  }

  @Test
  void everyKeyIsReadAndConfValuesPassThroughAsStrings() throws Exception {
    SparkSettings s =
        read("[spark]\nremote = \"sc://spark.example:15002\"\n"
                + "root_uri = \"file:///mnt/lake/dev\"\n"
                + "driver_memory = \"2g\"\njava_options = [\"-XX:+UseG1GC\", \"-Dx=y\"]\n"
                + "connect_timeout = \"5s\"\n"
                + "[spark.conf]\n\"spark.sql.shuffle.partitions\" = 8\n"
                + "spark.sql.ansi.enabled = true\n\"spark.x.fraction\" = 0.5\n"
                + "\"spark.app.name\" = \"nightly\"\n")
            .spark();
    assertEquals(
        new SparkSettings(
            null,
            "sc://spark.example:15002",
            Map.of(
                "spark.sql.shuffle.partitions", "8",
                "spark.sql.ansi.enabled", "true",
                "spark.x.fraction", "0.5",
                "spark.app.name", "nightly"),
            "file:///mnt/lake/dev",
            "2g",
            List.of("-XX:+UseG1GC", "-Dx=y"),
            Duration.ofSeconds(5)),
        s);
    assertTrue(s.connect());
  }

  @Test
  void theSectionIsWrittenBackAndReadAgainUnchanged() throws Exception {
    for (SparkSettings s :
        List.of(
            SparkSettings.local("local[*]"),
            SparkSettings.local("spark://m:7077")
                .withRootUri("hdfs://nn:8020/lake/dev")
                .withConf(
                    Map.of("spark.executor.memory", "4g", "spark.sql.adaptive.enabled", "true")),
            new SparkSettings(
                "yarn", null, Map.of(), null, "3g", List.of("-Dfile.encoding=UTF-8"), null),
            SparkSettings.connectTo("sc://h:15002").withConnectTimeout(Duration.ofSeconds(90)),
            SparkSettings.connectTo("sc://h:15002/;use_ssl=true"))) {
      CatchmentConfig c = CatchmentConfig.defaults("dev", 5000).withSpark(s);
      Path file = dir.resolve("catchment.toml");
      Files.writeString(file, c.toToml());
      assertEquals(c, CatchmentConfig.read(file), c.toToml());
      // catchment start --port rewrites the file from the config: [spark] stays
      Files.writeString(file, CatchmentConfig.read(file).withPort(6000).toToml());
      assertEquals(c.withPort(6000), CatchmentConfig.read(file));
    }
  }

  @Test
  void badInputIsOneLocatedLineEach() {
    for (String[] bad :
        new String[][] {
          {
            "[spark]\nmaster = \"local[2]\"\n  mastr = \"x\"\n",
            "catchment.toml:4:3: error:" + " unknown key 'spark.mastr' (did you mean 'master'?)"
          },
          {
            "[spark]\nmaster = \"local[2]\"\n  driver_memroy = \"2g\"\n",
            "catchment.toml:4:3: error:"
                + " unknown key 'spark.driver_memroy' (did you mean 'driver_memory'?)"
          },
          {
            "[spark]\nroot_uri = \"file:///x\"\n",
            "catchment.toml:2:1: error: [spark] needs"
                + " 'master' (e.g. \"local[2]\", \"spark://host:7077\") or 'remote' (e.g."
                + " \"sc://host:15002\")"
          },
          {
            "[spark]\nmaster = \"local[2]\"\n  remote = \"sc://h:15002\"\n",
            "catchment.toml:4:3:" + " error: [spark] sets both 'master' and 'remote'; keep one"
          },
          {
            "[spark]\n  master = \"local[two]\"\n",
            "catchment.toml:3:3: error: 'spark.master' ="
                + " \"local[two]\" is not a Spark master (local[N], local[*], spark://host:7077,"
                + " yarn, k8s://...)"
          },
          {"[spark]\n  master = 2\n", "catchment.toml:3:3: error: 'spark.master' must be a string"},
          {
            "[spark]\n  remote = \"http://h:15002\"\n",
            "catchment.toml:3:3: error: 'spark.remote'"
                + " = \"http://h:15002\" is not a Spark Connect URL (sc://host:port, e.g."
                + " sc://host:15002)"
          },
          {
            "[spark]\nmaster = \"local\"\n  root_uri = \"/mnt/lake\"\n",
            "catchment.toml:4:3:"
                + " error: 'spark.root_uri' = \"/mnt/lake\" is not an absolute URI"
          },
          {
            "[spark]\nmaster = \"local\"\n  driver_memory = \"1GB\"\n",
            "catchment.toml:4:3:"
                + " error: 'spark.driver_memory' = \"1GB\" is not a memory size (a number and k, m,"
                + " g or t: 512m, 1g, 4g)"
          },
          {
            "[spark]\nmaster = \"local\"\n  java_options = \"-Xss4m\"\n",
            "catchment.toml:4:3:" + " error: 'spark.java_options' must be an array of strings"
          },
          {
            "[spark]\nmaster = \"local\"\n  connect_timeout = \"5s\"\n",
            "catchment.toml:4:3:" + " error: 'spark.connect_timeout' is for 'remote'"
          },
          {
            "[spark]\nremote = \"sc://h:1\"\n  connect_timeout = \"soon\"\n",
            "catchment.toml:4:3:" + " error: 'spark.connect_timeout' = \"soon\""
          },
          {
            "[spark]\nmaster = \"local\"\n[spark.conf]\n  \"spark.driver.memory\" = \"4g\"\n",
            "catchment.toml:5:3: error: 'spark.conf.\"spark.driver.memory\"' is set by [spark]"
                + " driver_memory; set that instead"
          },
          {
            "[spark]\nmaster = \"local\"\n[spark.conf]\n  \"spark.jars\" = [\"a.jar\"]\n",
            "catchment.toml:5:3: error: 'spark.conf.\"spark.jars\"' must be a string, a number"
                + " or true/false"
          },
          {"spark = \"local\"\n", "catchment.toml:2:1: error: 'spark' must be a table"},
        }) {
      String e = error(bad[0]);
      assertTrue(e.startsWith(bad[1]), bad[0] + "\n -> " + e);
      assertEquals(1, e.lines().count(), e);
    }
  }
}
