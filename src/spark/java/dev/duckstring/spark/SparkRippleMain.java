package dev.duckstring.spark;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark Ripple driver (decision 56): a child JVM the daemon starts for one run of one SQL
 * Ripple. It reads the request file the runner wrote, opens a Spark session (a master, or a Spark
 * Connect remote), makes each Source's tables visible as {@code source.table} and the Pond's own as
 * bare names, runs the query and writes its rows as Parquet, coalesced to one part file, under the
 * staging directory. It answers in the result file: {@code rows=N}, or {@code error=} one line.
 */
public final class SparkRippleMain {
  private static volatile SparkSession session;

  private SparkRippleMain() {}

  /** {@code args[0]}: the request file. Exits 0 on success, 1 with the error in the result file. */
  public static void main(String[] args) throws IOException {
    Properties req = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
      req.load(r);
    }
    Path result = Path.of(req.getProperty("result"));
    int code = 0;
    Properties answer = new Properties();
    try {
      answer.setProperty("rows", Long.toString(run(req)));
    } catch (Throwable e) { // every failure, Spark's own included, becomes the run's one line
      e.printStackTrace();
      answer.setProperty("error", firstLine(e));
      code = 1;
    } finally {
      SparkSession s = session;
      session = null;
      if (s != null) {
        try {
          s.stop();
        } catch (RuntimeException e) {
          e.printStackTrace();
        }
      }
    }
    Path tmp = result.resolveSibling(result.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      answer.store(w, null);
    }
    Files.move(tmp, result, StandardCopyOption.ATOMIC_MOVE);
    System.out.flush();
    System.err.flush();
    System.exit(code);
  }

  private static long run(Properties req) throws IOException {
    String remote = req.getProperty("remote");
    SparkSession.Builder b =
        SparkSession.builder().appName("duckstring " + req.getProperty("ripple"));
    if (remote != null) {
      probe(remote, Long.parseLong(req.getProperty("connect_timeout_ms", "30000")));
      b.remote(remote);
      // both Spark's classic engine and the Connect client are on the class path: say which
      b.config("spark.api.mode", "connect");
    } else {
      b.master(req.getProperty("master"));
      b.config("spark.ui.enabled", "false");
      b.config("spark.sql.warehouse.dir", req.getProperty("warehouse"));
    }
    b.config("spark.sql.session.timeZone", "UTC");
    b.config("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
    for (String key : new TreeMap<>(req).keySet().stream().map(String::valueOf).toList()) {
      if (key.startsWith("conf.")) {
        b.config(key.substring("conf.".length()), req.getProperty(key));
      }
    }
    SparkSession spark = b.getOrCreate();
    session = spark;
    if (remote != null) {
      // a kill or timeout sends SIGTERM: the operation on the cluster stops with this driver
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    SparkSession s = session;
                    if (s != null) {
                      s.interruptAll();
                    }
                  },
                  "duckstring-interrupt"));
    }
    register(spark, req);
    String sql = req.getProperty("sql");
    Dataset<Row> rows = spark.sql("SELECT * FROM (" + sql + "\n) AS `__duckstring_ripple`");
    String out = req.getProperty("out");
    rows.coalesce(1).write().mode("errorifexists").parquet(out);
    return spark.read().parquet(out).count();
  }

  /** Each Source's tables as {@code source.table} (a database per Source); own tables as views. */
  private static void register(SparkSession spark, Properties req) {
    for (String key : new TreeMap<>(req).keySet().stream().map(String::valueOf).toList()) {
      if (key.endsWith(".format")) {
        continue;
      }
      String location = req.getProperty(key);
      String format = req.getProperty(key + ".format", "parquet");
      if (key.startsWith("source.")) {
        String[] parts = key.substring("source.".length()).split("\\.", 2);
        spark.sql("CREATE DATABASE IF NOT EXISTS " + ident(parts[0]));
        String table = ident(parts[0]) + "." + ident(parts[1]);
        spark.sql("DROP TABLE IF EXISTS " + table);
        spark.sql(
            "CREATE TABLE "
                + table
                + " USING "
                + format
                + csvOptions(format)
                + " LOCATION "
                + literal(location));
      } else if (key.startsWith("table.")) {
        reader(spark, format)
            .load(location)
            .createOrReplaceTempView(key.substring("table.".length()));
      }
    }
  }

  private static DataFrameReader reader(SparkSession spark, String format) {
    DataFrameReader r = spark.read().format(format);
    return format.equals("csv") ? r.option("header", "true").option("inferSchema", "true") : r;
  }

  private static String csvOptions(String format) {
    return format.equals("csv") ? " OPTIONS (header 'true', inferSchema 'true')" : "";
  }

  /**
   * Fails at once, naming the endpoint, when nothing answers at the Connect server's address: the
   * client's own retries would otherwise wait for minutes.
   */
  private static void probe(String remote, long timeoutMillis) {
    URI uri = URI.create(remote.replaceFirst(";.*$", ""));
    int port = uri.getPort() < 0 ? 15002 : uri.getPort();
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(uri.getHost(), port), (int) Math.max(1, timeoutMillis));
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot connect to Spark Connect at " + remote + ": " + e.getMessage(), e);
    }
  }

  private static String ident(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String literal(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }

  /** The first line of the error's message (Spark puts the plan after it), or its class. */
  static String firstLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getName();
    }
    String line = m.strip().lines().findFirst().orElse("").strip();
    return line.length() > 2000 ? line.substring(0, 2000) : line;
  }
}
