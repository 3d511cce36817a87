package dev.duckstring.runner;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Turns Ripple output directories into DuckDB views: {@code d/<name>.parquet} if present, else
 * every {@code *.parquet} in {@code d}, else every {@code *.csv}; dot-files are ignored.
 */
final class TableViews {
  private TableViews() {}

  /**
   * The tables of a Source's data directory, by name: each non-dot subdirectory of a published
   * generation, and each top-level {@code <table>.parquet} of a puddle ({@code
   * puddles/<source>/<table>.parquet}, decision 48), mapped to the directory that holds it.
   */
  static Map<String, Path> rippleDirs(Path generationDir) {
    Map<String, Path> dirs = new TreeMap<>();
    try (Stream<Path> s = Files.list(generationDir)) {
      s.filter(p -> !AtomicFiles.isTemporary(p.getFileName().toString()))
          .forEach(
              p -> {
                String name = p.getFileName().toString();
                if (Files.isDirectory(p)) {
                  dirs.put(name, p);
                } else if (name.endsWith(".parquet") && name.length() > ".parquet".length()) {
                  dirs.putIfAbsent(
                      name.substring(0, name.length() - ".parquet".length()), generationDir);
                }
              });
    } catch (IOException e) {
      throw new DuckstringException("cannot list published data " + generationDir + ": " + e, e);
    }
    return dirs;
  }

  /** A table-valued SQL expression over the Ripple directory {@code dir}, if it holds a table. */
  static Optional<String> scan(Path dir, String name) {
    Path own = dir.resolve(name + ".parquet");
    if (Files.isRegularFile(own)) {
      return Optional.of("read_parquet(" + Duck.literal(own) + ")");
    }
    List<Path> parquet = files(dir, ".parquet");
    if (!parquet.isEmpty()) {
      return Optional.of("read_parquet(" + list(parquet) + ")");
    }
    List<Path> csv = files(dir, ".csv");
    if (!csv.isEmpty()) {
      return Optional.of("read_csv(" + list(csv) + ")");
    }
    return Optional.empty();
  }

  /**
   * Creates a view per table in {@code dirs} (table name to Ripple directory), in {@code schema}
   * (created if needed) or, when null, in the default schema. Returns the names of the views.
   */
  static List<String> create(Connection c, String schema, Map<String, Path> dirs)
      throws SQLException {
    if (schema != null) {
      Duck.exec(c, "CREATE SCHEMA IF NOT EXISTS " + Duck.ident(schema));
    }
    List<String> views = new ArrayList<>();
    for (Map.Entry<String, Path> e : new TreeMap<>(dirs).entrySet()) {
      Optional<String> scan = scan(e.getValue(), e.getKey());
      if (scan.isPresent()) {
        String name = (schema == null ? "" : Duck.ident(schema) + ".") + Duck.ident(e.getKey());
        Duck.exec(c, "CREATE VIEW " + name + " AS SELECT * FROM " + scan.get());
        views.add(e.getKey());
      }
    }
    return views;
  }

  private static List<Path> files(Path dir, String suffix) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> !AtomicFiles.isTemporary(p.getFileName().toString()))
          .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new DuckstringException("cannot list Ripple output " + dir + ": " + e, e);
    }
  }

  private static String list(List<Path> files) {
    StringBuilder b = new StringBuilder("[");
    for (Path f : files) {
      b.append(b.length() == 1 ? "" : ", ").append(Duck.literal(f));
    }
    b.append(']');
    return files.size() > 1 ? b + ", union_by_name = true" : b.toString();
  }
}
