package dev.duckstring.runner;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.duckdb.DuckDBConnection;

/**
 * One in-memory DuckDB shared by the Ripples of a runner. Each Ripple gets a connection whose
 * default catalog is a private in-memory database (decision 53); a Ripple that ends well hands its
 * connection and catalog back emptied of the views it made, for the next Ripple (decision 63), and
 * any other end detaches the catalog, so no view, schema, temporary table or session setting
 * outlives the Ripple.
 */
final class SharedDuck implements AutoCloseable {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  /**
   * The process's one small DuckDB for reading metadata: schemas of Parquet files and parses of
   * SQL. Opening a database costs 13-20 ms, so the daemon (which reads a schema at every publish
   * and parses every Ripple's SQL when it builds its graph) never opens one per read.
   */
  static final SharedDuck SMALL =
      new SharedDuck(DuckDbOptions.defaults().withThreads(1).withMemoryLimit("256MB"));

  private final DuckDbOptions options;
  private DuckDBConnection database;

  /** Connections with an empty private catalog, ready for the next Ripple (guarded by this). */
  private final Deque<Scope> idle = new ArrayDeque<>();

  SharedDuck(DuckDbOptions options) {
    this.options = options;
  }

  /** A Ripple's own connection and catalog on the shared database; close it when done. */
  Scope open() throws SQLException {
    Scope kept = takeIdle();
    if (kept != null) {
      return kept;
    }
    DuckDBConnection db = database();
    Connection c = db.duplicate();
    String catalog = "ripple_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
    try {
      Duck.exec(c, "ATTACH ':memory:' AS " + Duck.ident(catalog) + "; USE " + Duck.ident(catalog));
    } catch (SQLException | RuntimeException e) {
      c.close();
      discard();
      throw e;
    }
    return new Scope(db, c, catalog);
  }

  /**
   * A bare connection to the shared database, for work that reads no catalog (parsing SQL); close
   * it when done.
   */
  Connection connection() throws SQLException {
    return database().duplicate();
  }

  private synchronized DuckDBConnection database() throws SQLException {
    if (database == null || database.isClosed()) {
      database = (DuckDBConnection) Duck.open(options);
    }
    return database;
  }

  private synchronized Scope takeIdle() {
    return idle.pollFirst();
  }

  /** Keeps {@code s} for the next Ripple; false when its database was dropped meanwhile. */
  private synchronized boolean giveBack(Scope s) {
    if (s.database != database) {
      return false;
    }
    idle.addFirst(s);
    return true;
  }

  /**
   * Drops the shared database (the next Ripple opens a new one): after a Ripple's catalog could not
   * be detached, or DuckDB invalidated the database after a fatal error. Open connections keep it
   * alive until they close; the kept ones are closed here.
   */
  synchronized void discard() {
    for (Scope s : idle) {
      s.closeQuietly();
    }
    idle.clear();
    if (database != null) {
      try {
        database.close();
      } catch (SQLException e) {
        // already unusable; the reference is dropped either way
      }
      database = null;
    }
  }

  /**
   * The catalogs attached to the shared database right now besides DuckDB's own and those of the
   * kept connections, which hold nothing between Ripples (for tests).
   */
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
      return r.getLong(1) - idle.size();
    }
  }

  /** How many connections wait, emptied, for the next Ripple (for tests). */
  synchronized int kept() {
    return idle.size();
  }

  @Override
  public void close() {
    discard();
  }

  /**
   * One Ripple's connection, with its private catalog as the default. {@link #keep} after a Ripple
   * that ran only the runner's statements hands it back for the next Ripple; without it, closing
   * detaches the catalog.
   */
  final class Scope implements AutoCloseable {
    private final DuckDBConnection database;
    private final Connection connection;
    private final String catalog;

    /** The drops owed, in order, each once (a schema holds all its views). */
    private final Set<String> made = new LinkedHashSet<>();

    private boolean keep;

    private Scope(DuckDBConnection database, Connection connection, String catalog) {
      this.database = database;
      this.connection = connection;
      this.catalog = catalog;
    }

    Connection connection() {
      return connection;
    }

    /** The private catalog's name (for tests). */
    String catalog() {
      return catalog;
    }

    /**
     * Views over {@code dirs} as {@link TableViews#create} makes them, remembered so that handing
     * the connection back drops them.
     */
    List<String> views(String schema, Map<String, Path> dirs) throws SQLException {
      if (schema != null) {
        made.add("DROP SCHEMA IF EXISTS " + Duck.ident(schema) + " CASCADE");
      }
      List<String> views = TableViews.create(connection, schema, dirs);
      if (schema == null) {
        views.forEach(v -> made.add("DROP VIEW IF EXISTS " + Duck.ident(v)));
      }
      return views;
    }

    /**
     * Marks the Ripple as ended well, having run nothing on this connection but the runner's own
     * statements and one checked query: closing hands the connection back.
     */
    void keep() {
      keep = true;
    }

    @Override
    public void close() {
      if (keep && dropMade() && giveBack(this)) {
        return;
      }
      boolean detached = false;
      try {
        Duck.exec(connection, "USE memory; DETACH " + Duck.ident(catalog));
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

    /** Drops the views and schemas this Ripple made; false when one could not be dropped. */
    private boolean dropMade() {
      keep = false;
      try {
        if (!made.isEmpty()) {
          Duck.exec(connection, String.join("; ", made));
        }
        made.clear();
        return true;
      } catch (SQLException | RuntimeException e) {
        return false;
      }
    }

    private void closeQuietly() {
      try {
        connection.close();
      } catch (SQLException e) {
        // its database is being dropped anyway
      }
    }
  }
}
