package dev.duckstring.runner;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.SparkSettings;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The request file a Spark Ripple's driver reads (decision 56): the query, each Source's tables as
 * {@code source.<pond>.<table>} and the Pond's own as {@code table.<name>} (locations as Spark
 * names them, through {@code root_uri}), where to write, master or remote, and the extra conf.
 */
final class SparkRequest {
  /**
   * The directory, inside the staging directory, that Spark writes its one part file into (a dot
   * name would be hidden from Spark itself); the runner removes it.
   */
  static final String SPARK_OUT = "spark-output";

  private SparkRequest() {}

  /**
   * Writes the request for {@code ripple} to {@code file}; the driver answers in {@code result}.
   */
  static void write(
      Path file,
      SqlRipple ripple,
      SparkSettings settings,
      Path root,
      Path warehouse,
      Path result,
      long connectTimeoutMillis) {
    Properties p = new Properties();
    p.setProperty("ripple", ripple.ripple());
    p.setProperty("sql", query(ripple.sql()));
    p.setProperty("result", result.toAbsolutePath().toString());
    p.setProperty("warehouse", warehouse.toAbsolutePath().toString());
    p.setProperty("out", uri(ripple.outputDir().resolve(SPARK_OUT), root, settings));
    p.setProperty("connect_timeout_ms", Long.toString(connectTimeoutMillis));
    if (settings.connect()) {
      p.setProperty("remote", settings.remote());
    } else {
      p.setProperty("master", settings.master());
    }
    settings.conf().forEach((k, v) -> p.setProperty("conf." + k, v));
    String lower = ripple.sql().toLowerCase(Locale.ROOT);
    for (Map.Entry<String, Path> source : new TreeMap<>(ripple.sources()).entrySet()) {
      String pond = source.getKey();
      TableViews.rippleDirs(source.getValue())
          .forEach(
              (table, dir) -> {
                if (named(lower, lowerQuoted(pond) + "`?\\s*\\.\\s*`?" + lowerQuoted(table))) {
                  put(p, "source." + pond + "." + table, dir, table, root, settings);
                }
              });
    }
    ripple
        .tables()
        .forEach(
            (table, dir) -> {
              // only what the SQL names is opened (decision 13), as a DuckDB Ripple does
              if (named(lower, lowerQuoted(table)) && Files.isDirectory(dir)) {
                put(p, "table." + table, dir, table, root, settings);
              }
            });
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(w, "duckstring spark ripple " + ripple.ripple());
    } catch (IOException e) {
      throw new DuckstringException("cannot write the Spark request " + file + ": " + e, e);
    }
  }

  /**
   * True when {@code sql} (lower case) has {@code regex} (a table's name) as a whole word: only the
   * tables a query names are opened, as for a DuckDB Ripple (decision 13), and Spark reads the
   * schema of each one it is given.
   */
  private static boolean named(String sql, String regex) {
    return Pattern.compile("\\b" + regex + "\\b").matcher(sql).find();
  }

  private static String lowerQuoted(String name) {
    return Pattern.quote(name.toLowerCase(Locale.ROOT));
  }

  /** The SQL without trailing semicolons: the driver wraps it as a subquery. */
  static String query(String sql) {
    return sql.strip().replaceAll("[;\\s]+$", "");
  }

  /** A table's location: {@code <table>.parquet}, else its directory of Parquet or CSV files. */
  private static void put(
      Properties p, String key, Path dir, String table, Path root, SparkSettings settings) {
    Path own = dir.resolve(table + ".parquet");
    if (Files.isRegularFile(own)) {
      p.setProperty(key, uri(own, root, settings));
      return;
    }
    List<String> formats = List.of("parquet", "csv");
    for (String format : formats) {
      if (hasFiles(dir, "." + format)) {
        p.setProperty(key, uri(dir, root, settings));
        p.setProperty(key + ".format", format);
        return;
      }
    }
  }

  private static boolean hasFiles(Path dir, String suffix) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.anyMatch(
          f ->
              Files.isRegularFile(f)
                  && !f.getFileName().toString().startsWith(".")
                  && f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * {@code path} as Spark names it: the absolute path, or, with {@code root_uri}, that URI followed
   * by the path relative to the Catchment's root.
   */
  static String uri(Path path, Path root, SparkSettings settings) {
    Path abs = path.toAbsolutePath().normalize();
    if (settings.rootUri() == null || root == null) {
      return abs.toString();
    }
    Path base = root.toAbsolutePath().normalize();
    if (!abs.startsWith(base)) {
      return abs.toString();
    }
    String rel = base.relativize(abs).toString().replace('\\', '/');
    String prefix = settings.rootUri().replaceAll("/+$", "");
    return rel.isEmpty() ? prefix : prefix + "/" + rel;
  }
}
