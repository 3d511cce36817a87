package dev.duckstring.runner;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The fresh in-memory DuckDB of one query: a view per published table of the scope's generation
 * (bare and {@code POND.TABLE}) and of each pinned line ({@code "POND@PIN".TABLE}).
 */
final class QueryDatabase {
  private QueryDatabase() {}

  /**
   * A fresh database with the scope's views; when locked down, configured in the order that makes
   * each setting stick: allowed directories (the scope's generations), extensions off, external
   * access off, lock.
   */
  static Connection open(QueryOptions options, QueryScope scope) throws SQLException {
    String pond = scope.pond();
    Map<String, Path> schemas = new TreeMap<>();
    for (Map.Entry<String, Path> e : scope.pinned().entrySet()) {
      schemas.put(scope.schema(e.getKey()), e.getValue());
    }
    List<Path> generations = new ArrayList<>(List.of(scope.generation()));
    generations.addAll(schemas.values());
    for (Path g : generations) {
      if (!Files.isDirectory(g)) {
        throw new DuckstringException("no published data for Pond '" + pond + "' at " + g);
      }
    }
    Map<String, Path> dirs = TableViews.rippleDirs(scope.generation());
    Connection c = Duck.open(options.duckDb());
    try {
      TableViews.create(c, null, dirs);
      if (!pond.equals("main")) {
        TableViews.create(c, pond, dirs);
      }
      for (Map.Entry<String, Path> e : schemas.entrySet()) {
        TableViews.create(c, e.getKey(), TableViews.rippleDirs(e.getValue()));
      }
      if (options.lockedDown()) {
        StringBuilder allowed = new StringBuilder();
        for (Path g : new TreeSet<>(generations)) {
          allowed.append(allowed.length() == 0 ? "" : ", ").append(Duck.literal(g));
        }
        Duck.exec(c, "SET allowed_directories = [" + allowed + "]");
        Duck.exec(c, "SET autoinstall_known_extensions = false");
        Duck.exec(c, "SET autoload_known_extensions = false");
        Duck.exec(c, "SET allow_community_extensions = false");
        // No spilling: a query over its memory limit fails instead of writing temporary files.
        Duck.exec(c, "SET temp_directory = ''");
        Duck.exec(c, "SET enable_external_access = false");
        Duck.exec(c, "SET lock_configuration = true");
      }
      return c;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }
}
