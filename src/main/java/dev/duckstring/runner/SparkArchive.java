package dev.duckstring.runner;

import dev.duckstring.fs.Trees;
import dev.duckstring.model.SparkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Writes the class-data archive a local Spark driver starts from (decision 69): one training run of
 * the real driver command over a tiny Parquet table, with {@code -XX:ArchiveClassesAtExit}. {@code
 * make spark} runs {@link #main}; {@link SparkLibs#command} then names the archive.
 */
public final class SparkArchive {
  private SparkArchive() {}

  /** {@code make spark}: writes the archive into {@link SparkLibs#located()}; exit 1 on failure. */
  public static void main(String[] args) {
    SparkLibs libs = SparkLibs.located();
    long start = System.nanoTime();
    try {
      Path archive = write(libs);
      System.out.printf(
          "spark-archive: %s (%d MiB) written in %d s%n",
          archive,
          Files.size(archive) >> 20,
          Duration.ofNanos(System.nanoTime() - start).toSeconds());
    } catch (IOException | RuntimeException e) {
      System.err.println(
          "spark-archive: cannot write the Spark driver's archive: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Replaces {@code libs}' archive with a new one: the old is removed first (a dynamic archive is
   * not written on top of another), the new is written under a temporary name and renamed in place.
   */
  static Path write(SparkLibs libs) throws IOException {
    if (!libs.present()) {
      throw new IOException(libs.missing());
    }
    Path archive = libs.archive();
    Files.deleteIfExists(archive);
    Path partial = archive.resolveSibling("." + archive.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    Path work = Files.createTempDirectory("duckstring-spark-archive-");
    try {
      Path numbers = work.resolve("numbers");
      try (SqlRippleRunner duck = new SqlRippleRunner(DuckDbOptions.defaults().withThreads(1))) {
        duck.run(
            new SqlRipple(
                "numbers",
                "SELECT n, n % 7 AS k, 'r' || (n % 3) AS region FROM range(1, 1001) t(n)",
                Map.of(),
                Map.of(),
                Files.createDirectories(numbers)));
      }
      SparkSettings training =
          SparkSettings.local("local[2]")
              .withJavaOptions(List.of("-XX:ArchiveClassesAtExit=" + partial));
      Path log = work.resolve("train.log");
      try {
        new SparkRippleRunner(libs, work)
            .run(
                new SqlRipple(
                    "train",
                    "SELECT region, k, count(*) AS c, sum(n) AS total FROM numbers"
                        + " GROUP BY region, k ORDER BY region, k",
                    Map.of(),
                    Map.of("numbers", numbers),
                    Files.createDirectories(work.resolve("out")),
                    null),
                training,
                log,
                new Cancellation(),
                group -> {});
      } catch (RippleFailure e) {
        throw new IOException(e.getMessage() + " (" + tail(log) + ")", e);
      }
      if (!Files.isRegularFile(partial)) {
        throw new IOException("the driver's JVM wrote no archive (" + tail(log) + ")");
      }
      return Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
      Trees.delete(work);
    }
  }

  /** The last line of the training run's log, or a note that it has none. */
  private static String tail(Path log) throws IOException {
    if (!Files.isRegularFile(log)) {
      return "no log";
    }
    List<String> lines = Files.readAllLines(log);
    return lines.isEmpty() ? "empty log" : "log: " + lines.get(lines.size() - 1);
  }
}
