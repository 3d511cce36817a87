package dev.duckstring.runner;

import dev.duckstring.model.SparkSettings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where {@code make spark} put Spark and the Spark Ripple driver ({@code target/spark-lib/}, beside
 * the Duckstring jar or classes), and the driver's command line (decision 56). Names no Spark
 * class: the driver runs only in a child JVM.
 */
public final class SparkLibs {
  /** The driver's main class, in {@code duckstring-spark.jar}. */
  static final String MAIN = "dev.duckstring.spark.SparkRippleMain";

  /** The JVM options Spark's own launcher adds on Java 17 (JavaModuleOptions in spark-launcher). */
  private static final List<String> JAVA_OPTIONS =
      List.of(
          "-XX:+IgnoreUnrecognizedVMOptions",
          "--add-modules=jdk.incubator.vector",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.cs=ALL-UNNAMED",
          "--add-opens=java.base/sun.security.action=ALL-UNNAMED",
          "--add-opens=java.base/sun.util.calendar=ALL-UNNAMED",
          "--add-opens=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
          "-Dio.netty.tryReflectionSetAccessible=true",
          "-Dio.netty.allocator.type=pooled",
          "-Dio.netty.handler.ssl.defaultEndpointVerificationAlgorithm=NONE");

  private final Path dir;

  private SparkLibs(Path dir) {
    this.dir = dir;
  }

  /** The libraries in {@code dir}, wherever it is (for the tests). */
  static SparkLibs in(Path dir) {
    return new SparkLibs(dir.toAbsolutePath());
  }

  /**
   * The libraries in {@code DUCKSTRING_SPARK_LIB} (or the system property {@code
   * duckstring.spark.lib}) if set, else in {@code spark-lib/} beside the first class path entry
   * ({@code target/duckstring.jar} or {@code target/classes}): {@code target/spark-lib/}.
   */
  public static SparkLibs located() {
    String set = System.getenv("DUCKSTRING_SPARK_LIB");
    if (set == null || set.isBlank()) {
      set = System.getProperty("duckstring.spark.lib");
    }
    if (set != null && !set.isBlank()) {
      return new SparkLibs(Path.of(set).toAbsolutePath());
    }
    String first = System.getProperty("java.class.path", "").split(File.pathSeparator, 2)[0];
    Path parent = Path.of(first.isEmpty() ? "." : first).toAbsolutePath().getParent();
    return new SparkLibs((parent == null ? Path.of(".") : parent).resolve("spark-lib"));
  }

  /** The directory that holds (or would hold) the libraries. */
  public Path dir() {
    return dir;
  }

  /** True when {@code make spark} has filled the directory. */
  public boolean present() {
    return Files.isRegularFile(driverJar()) && Files.isDirectory(dir.resolve("classic"));
  }

  /** One line for a run or a command that needs the libraries and finds none. */
  public String missing() {
    return "the Spark libraries are not installed (" + dir + "): run 'make spark'";
  }

  private Path driverJar() {
    return dir.resolve("duckstring-spark.jar");
  }

  /**
   * The class-data archive of the local driver ({@link SparkArchive}, decision 69), named for this
   * JVM's build: a dynamic archive serves only the JVM that wrote it.
   */
  Path archive() {
    String vm = System.getProperty("java.vm.version", "unknown").replaceAll("[^A-Za-z0-9._-]", "_");
    return dir.resolve("classic-" + vm + ".jsa");
  }

  /**
   * The driver's command: this JVM's java, the heap from {@code driver_memory} and the class-data
   * archive if {@code make spark} wrote one (with a master), Spark's module options, {@code
   * java_options}, the classic libraries (or, for a Connect remote, the client first), the driver
   * and its request file.
   */
  List<String> command(SparkSettings settings, Path log4j, Path request) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (!settings.connect()) {
      cmd.add(settings.heapFlag()); // driver_memory: the driver runs here
      Path archive = archive();
      if (Files.isRegularFile(archive)) {
        // its classes mapped, not loaded and verified one by one: the driver starts in half the CPU
        cmd.add("-XX:SharedArchiveFile=" + archive);
        cmd.add("-Xlog:cds*=off");
      }
    }
    cmd.addAll(JAVA_OPTIONS);
    cmd.addAll(settings.javaOptions());
    cmd.add("-Dlog4j2.configurationFile=" + log4j.toUri());
    cmd.add("-cp");
    String jars = dir.resolve("classic") + File.separator + "*";
    if (settings.connect()) {
      jars = dir.resolve("connect") + File.separator + "*" + File.pathSeparator + jars;
    }
    cmd.add(driverJar() + File.pathSeparator + jars);
    cmd.add(MAIN);
    cmd.add(request.toString());
    return cmd;
  }

  /**
   * True when {@code make spark} also fetched the Spark Connect server ({@code connect-server/}).
   */
  public boolean hasConnectServer() {
    return present() && Files.isDirectory(dir.resolve("connect-server"));
  }

  /**
   * The command that starts a Spark Connect server in local mode on this machine, listening on
   * {@code port}: for the tests, and for trying {@code remote = "sc://localhost:PORT"} on one
   * machine (docs/scale-out.md). Start it in a directory of its own: its catalog lives there.
   */
  public List<String> connectServer(String master, int port) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(JAVA_OPTIONS);
    cmd.add("-Dspark.master=" + master);
    cmd.add("-Dspark.ui.enabled=false");
    cmd.add("-Dspark.connect.grpc.binding.port=" + port);
    cmd.add("-cp");
    cmd.add(
        dir.resolve("connect-server")
            + File.separator
            + "*"
            + File.pathSeparator
            + dir.resolve("classic")
            + File.separator
            + "*");
    cmd.add("org.apache.spark.sql.connect.service.SparkConnectServer");
    return cmd;
  }
}
