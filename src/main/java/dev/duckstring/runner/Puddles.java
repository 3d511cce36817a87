package dev.duckstring.runner;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Json;
import dev.duckstring.fs.Trees;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.SourcePin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Hydrated puddles: copies the tables of a published generation into a puddle directory as {@code
 * <table>.parquet} and {@code <table>.schema.json} (decision 50), through DuckDB's {@code COPY}.
 * The new puddle is built in a temporary sibling and swapped in by renames, so a failed hydrate
 * leaves the previous puddle as it was.
 */
public final class Puddles {
  private Puddles() {}

  /** One table written: its name, rows and bytes on disk. */
  public record Table(String table, long rows, long bytes) {}

  /** The content of {@code <table>.schema.json}: where the table came from and its columns. */
  public record Schema(String source, String table, String line, List<Column> columns) {}

  /** One column with DuckDB's type, as {@code DESCRIBE} prints it. */
  public record Column(String name, String type) {}

  /**
   * Replaces the puddle {@code target} ({@code puddles/<source>}) with the tables of {@code
   * generation} (a published generation, or a download laid out like one), each cut to {@code
   * sampling}; {@code line} is recorded in the schema files. Returns the tables written, by name.
   */
  public static List<Table> hydrate(
      Path generation, Path target, String line, Sampling sampling, DuckDbOptions options) {
    String source = target.getFileName().toString();
    Path parent = target.toAbsolutePath().getParent();
    Path tmp = parent.resolve(AtomicFiles.tempName(source));
    List<Table> out = new ArrayList<>();
    try {
      Files.createDirectories(tmp);
      try (Connection c = Duck.open(options)) {
        for (String table : TableViews.create(c, null, TableViews.rippleDirs(generation))) {
          out.add(copy(c, table, tmp, source, line, sampling));
        }
      }
      swap(tmp, target);
      return out;
    } catch (SQLException e) {
      throw new DuckstringException(
          "cannot hydrate " + source + " from " + generation + ": " + Duck.message(e), e);
    } catch (IOException e) {
      throw new DuckstringException("cannot write the puddle " + target + ": " + e, e);
    } finally {
      try {
        Trees.delete(tmp);
      } catch (IOException e) {
        // a temporary is never read as a table; the next hydrate of the source writes a new one
      }
    }
  }

  private static Table copy(
      Connection c, String table, Path dir, String source, String line, Sampling sampling)
      throws SQLException {
    Path file = dir.resolve(table + ".parquet");
    long rows;
    try (Statement s = c.createStatement()) {
      rows =
          s.executeLargeUpdate(
              "COPY ("
                  + sampling.select(Duck.ident(table))
                  + ") TO "
                  + Duck.literal(file)
                  + " (FORMAT parquet)");
    }
    List<Column> columns = new ArrayList<>();
    for (Map.Entry<String, String> col :
        TableSchemas.columns(c, table, "read_parquet(" + Duck.literal(file) + ")").entrySet()) {
      columns.add(new Column(col.getKey(), col.getValue()));
    }
    Json.writeFileUnsynced(
        dir.resolve(table + ".schema.json"), new Schema(source, table, line, columns));
    try {
      return new Table(table, rows, Files.size(file));
    } catch (IOException e) {
      throw new DuckstringException("cannot read the size of " + file + ": " + e, e);
    }
  }

  /** Moves {@code fresh} to {@code target}: the old puddle aside, the new one in, the old gone. */
  private static void swap(Path fresh, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling(AtomicFiles.tempName(target.getFileName() + "-old"));
      AtomicFiles.move(target, old);
    }
    try {
      AtomicFiles.move(fresh, target);
    } catch (IOException e) {
      if (old != null) {
        AtomicFiles.move(old, target); // put the previous puddle back
      }
      throw e;
    }
    if (old != null) {
      Trees.delete(old);
    }
  }

  /** The directory of a project's local data, beside its pond.toml. */
  public static Path of(Path project) {
    return project.resolve("puddles");
  }

  /** {@code LocalRun.sources} for {@code manifest}'s project whose puddles are {@code puddles}. */
  public static Map<String, Path> sources(
      PondManifest manifest, Path puddles, Consumer<String> note) {
    Map<String, Path> out = new LinkedHashMap<>();
    for (SourcePin pin : manifest.sources()) {
      Path dir = puddles.resolve(pin.pond());
      if (Files.isDirectory(dir)) {
        out.put(pin.pond(), dir);
      } else if (pin.optional()) {
        note.accept("note: optional source '" + pin.pond() + "' has no puddle; running without it");
      } else {
        throw new DuckstringException(
            "no puddles for source '" + pin.pond() + "': run duckstring pond hydrate <catchment>");
      }
    }
    return out;
  }
}
