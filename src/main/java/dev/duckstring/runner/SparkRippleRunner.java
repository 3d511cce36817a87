package dev.duckstring.runner;

import static java.util.Objects.requireNonNull;

import dev.duckstring.fs.Trees;
import dev.duckstring.model.SparkSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a SQL Ripple on Apache Spark (decision 56): writes a request file, starts the driver ({@link
 * SparkLibs}) as a child JVM in a process group of its own, as a command Ripple runs, with its
 * stdout and stderr appended to the Ripple's log; its end, a timeout or a cancellation stops the
 * whole group. The driver leaves one part file under the staging directory, which becomes {@code
 * <ripple>.parquet}. No Spark class is loaded here.
 */
public final class SparkRippleRunner {

  private final SparkLibs libs;
  private final Path root;

  /** A runner with the libraries in {@code libs}; paths under {@code root} map via root_uri. */
  public SparkRippleRunner(SparkLibs libs, Path root) {
    this.libs = requireNonNull(libs, "libs is null");
    this.root = root;
  }

  /**
   * Runs {@code ripple} where {@code settings} say, until it ends, times out or {@code
   * cancellation} is cancelled; {@code started} is told the driver's process group. Throws {@link
   * RippleFailure} with Spark's one-line message; the full trace is in {@code log}.
   */
  public SqlRippleResult run(
      SqlRipple ripple,
      SparkSettings settings,
      Path log,
      Cancellation cancellation,
      Consumer<ProcessGroup> started) {
    String name = ripple.ripple();
    if (cancellation.isCancelled()) {
      throw new RippleFailure(name, "cancelled");
    }
    if (!libs.present()) {
      throw new RippleFailure(name, libs.missing());
    }
    Path work = null;
    try {
      work = Files.createTempDirectory("duckstring-spark-");
      Files.createDirectories(ripple.outputDir());
      Files.createDirectories(log.toAbsolutePath().getParent());
      Path request = work.resolve("request.properties");
      Path result = work.resolve("result.properties");
      Path log4j = work.resolve("log4j2.properties");
      Files.writeString(log4j, LOG4J, StandardCharsets.UTF_8);
      SparkRequest.write(
          request,
          ripple,
          settings,
          root,
          work.resolve("warehouse"),
          result,
          settings.connectTimeout().toMillis());
      int exit =
          drive(ripple, libs.command(settings, log4j, request), work, log, cancellation, started);
      Properties answer = read(result);
      String error = answer.getProperty("error");
      if (error != null) {
        throw new RippleFailure(name, error.isBlank() ? "Spark failed" : error);
      }
      if (exit != 0 || answer.getProperty("rows") == null) {
        throw new RippleFailure(
            name, "the Spark driver ended with exit code " + exit + " (see the log)");
      }
      Path file = collect(ripple);
      return new SqlRippleResult(
          file, Long.parseLong(answer.getProperty("rows")), Files.size(file));
    } catch (IOException e) {
      throw new RippleFailure(name, "cannot run the Spark driver: " + e, e);
    } finally {
      if (work != null) {
        try {
          Trees.delete(work);
        } catch (IOException e) {
          // a leftover request in the temp directory holds no data
        }
      }
    }
  }

  /** Starts the driver and waits for it; returns its exit code or throws for cancel and timeout. */
  private static int drive(
      SqlRipple ripple,
      List<String> java,
      Path work,
      Path log,
      Cancellation cancellation,
      Consumer<ProcessGroup> started)
      throws IOException {
    boolean grouped = ProcessGroup.supported();
    // as for a command Ripple: its own session and group, released once the group is recorded
    ProcessBuilder pb =
        new ProcessBuilder(grouped ? GroupedProcess.gated(java, "duckstring-spark") : java)
            .directory(work.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("DUCKSTRING_"));
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    return GroupedProcess.run(
            pb,
            ProcessBuilder::start,
            grouped,
            ripple.ripple(),
            log,
            ripple.timeout(),
            cancellation,
            started)
        .exit();
  }

  /**
   * Moves Spark's one part file to {@code <ripple>.parquet} and checks that nothing else was
   * written into the staging directory: no file, or another one, fails the run.
   */
  static Path collect(SqlRipple ripple) throws IOException {
    String name = ripple.ripple();
    Path staging = ripple.outputDir();
    Path spark = staging.resolve(SparkRequest.SPARK_OUT);
    List<Path> parts = new ArrayList<>();
    if (Files.isDirectory(spark)) {
      try (Stream<Path> s = Files.list(spark)) {
        s.filter(f -> f.getFileName().toString().startsWith("part-"))
            .filter(f -> f.getFileName().toString().endsWith(".parquet"))
            .forEach(parts::add);
      }
    }
    if (parts.size() != 1) {
      throw new RippleFailure(
          name, "Spark wrote " + parts.size() + " Parquet part files, not one, under " + spark);
    }
    Path file = staging.resolve(name + ".parquet");
    Files.move(parts.get(0), file, StandardCopyOption.ATOMIC_MOVE);
    Trees.delete(spark);
    try (Stream<Path> s = Files.list(staging)) {
      List<String> other =
          s.map(f -> f.getFileName().toString()).filter(n -> !n.equals(name + ".parquet")).toList();
      if (!other.isEmpty()) {
        throw new RippleFailure(
            name, "the Spark Ripple wrote " + other + " beside its output in " + staging);
      }
    }
    return file;
  }

  private static Properties read(Path result) throws IOException {
    Properties p = new Properties();
    if (Files.isRegularFile(result)) {
      try (Reader r = Files.newBufferedReader(result, StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return p;
  }

  /** Spark's own messages at WARN and above, to stderr (so into the Ripple's log). */
  private static final String LOG4J =
      String.join(
          "\n",
          "rootLogger.level = warn",
          "rootLogger.appenderRef.stderr.ref = console",
          "appender.console.type = Console",
          "appender.console.name = console",
          "appender.console.target = SYSTEM_ERR",
          "appender.console.layout.type = PatternLayout",
          "appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n%ex",
          "");
}
