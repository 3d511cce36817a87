package dev.duckstring.catchment;

import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code m<major>/contract.json} files: read by anyone (status, HTTP, {@code schema}, {@code
 * deploy --plan}), written and deleted by the daemon only (decision 44).
 */
public final class SchemaContracts {
  private final CatchmentLayout layout;

  public SchemaContracts(CatchmentLayout layout) {
    this.layout = layout;
  }

  /** The contract file of {@code line}, relative to nothing (absolute under the root). */
  public Path file(LineId line) {
    return layout.contract(line);
  }

  /**
   * The contract of {@code line}, or empty when none was captured yet. A file that is not a
   * contract (garbled JSON, a missing name or type, a duplicate column) is a one-line error naming
   * it.
   */
  public Optional<SchemaContract> read(LineId line) {
    return read(file(line));
  }

  /** The contract in {@code file} (see {@link #read(LineId)}): also for {@code deploy --plan}. */
  public static Optional<SchemaContract> read(Path file) {
    SchemaContract c = Json.readFile(file, SchemaContract.class);
    if (c == null) {
      return Optional.empty();
    }
    check(file, c);
    return Optional.of(c);
  }

  private static void check(Path file, SchemaContract c) {
    if (c.tables() == null) {
      throw bad(file, "'tables' is missing");
    }
    Set<String> names = new HashSet<>();
    for (SchemaContract.Table t : c.tables()) {
      if (t == null || t.name() == null || t.columns() == null) {
        throw bad(file, "a table has no 'name' or 'columns'");
      }
      if (!names.add(t.name())) {
        throw bad(file, "table '" + t.name() + "' is listed twice");
      }
      Set<String> cols = new HashSet<>();
      for (SchemaContract.Column col : t.columns()) {
        if (col == null || col.name() == null || col.type() == null || col.type().isBlank()) {
          throw bad(file, "a column of table '" + t.name() + "' has no 'name' or 'type'");
        }
        if (!cols.add(col.name())) {
          throw bad(file, "column '" + t.name() + "." + col.name() + "' is listed twice");
        }
      }
    }
  }

  private static DuckstringException bad(Path file, String why) {
    return new DuckstringException(file + ": error: not a schema contract: " + why);
  }

  /** Writes {@code contract} as the contract of {@code line}, atomically (daemon). */
  public void write(LineId line, SchemaContract contract) {
    Json.writeFile(file(line), contract);
  }

  /** Deletes the contract of {@code line}: the next successful run captures a new one (daemon). */
  public boolean delete(LineId line) {
    try {
      return Files.deleteIfExists(file(line));
    } catch (IOException e) {
      throw new DuckstringException("cannot delete " + file(line) + ": " + e.getMessage(), e);
    }
  }
}
