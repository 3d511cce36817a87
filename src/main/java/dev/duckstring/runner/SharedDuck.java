package dev.duckstring.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;

/**
 * One in-memory DuckDB shared by the Ripples of a runner: each Ripple gets a fresh connection whose
 * default catalog is a private in-memory database attached for it and detached after it, so no
 * view, schema, temporary table or session setting outlives the Ripple (decision 53).
 */
final class SharedDuck implements AutoCloseable {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  private final DuckDbOptions options;
  private DuckDBConnection database;

  SharedDuck(DuckDbOptions options) {
    this.options = options;
  }

  /** A Ripple's own connection and catalog on the shared database; close it when done. */
  Scope open() throws SQLException {
    Connection c = duplicate();
    String catalog = "ripple_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
    try {
      Duck.exec(c, "ATTACH ':memory:' AS " + Duck.ident(catalog));
      Duck.exec(c, "USE " + Duck.ident(catalog));
    } catch (SQLException | RuntimeException e) {
      c.close();
      discard();
      throw e;
    }
    return new Scope(c, catalog);
  }

  /**
   * A bare connection to the shared database, for work that reads no catalog (parsing SQL); close
   * it when done.
   */
  Connection connection() throws SQLException {
    return duplicate();
  }

  private synchronized Connection duplicate() throws SQLException {
    if (database == null || database.isClosed()) {
      database = (DuckDBConnection) Duck.open(options);
    }
    return database.duplicate();
  }

  /**
   * Drops the shared database (the next Ripple opens a new one): after a Ripple's catalog could not
   * be detached, or DuckDB invalidated the database after a fatal error. Open connections keep it
   * alive until they close.
   */
  synchronized void discard() {
    if (database != null) {
      try {
        database.close();
      } catch (SQLException e) {
        // already unusable; the reference is dropped either way
      }
      database = null;
    }
  }

  /** The catalogs attached to the shared database right now, besides DuckDB's own (for tests). */
  synchronized long strayCatalogs() throws SQLException {
    if (database == null) {
      return 0;
    }
    try (Connection c = database.duplicate();
        var s = c.createStatement();
        var r =
            s.executeQuery(
                "SELECT count(*) FROM duckdb_databases()"
                    + " WHERE database_name NOT IN ('memory', 'system', 'temp')")) {
      r.next();
      return r.getLong(1);
    }
  }

  @Override
  public void close() {
    discard();
  }

  /** One Ripple's connection, with its private catalog as the default; closing detaches it. */
  final class Scope implements AutoCloseable {
    private final Connection connection;
    private final String catalog;

    private Scope(Connection connection, String catalog) {
      this.connection = connection;
      this.catalog = catalog;
    }

    Connection connection() {
      return connection;
    }

    @Override
    public void close() {
      boolean detached = false;
      try {
        Duck.exec(connection, "USE memory");
        Duck.exec(connection, "DETACH " + Duck.ident(catalog));
        detached = true;
      } catch (SQLException | RuntimeException e) {
        // handled below: a catalog that may still be attached never meets another Ripple
      } finally {
        try {
          connection.close();
        } catch (SQLException e) {
          detached = false;
        }
      }
      if (!detached) {
        discard();
      }
    }
  }
}
