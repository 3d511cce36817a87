package dev.duckstring.http;

import static java.util.Objects.requireNonNull;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.catchment.RootChanges;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.runner.DuckDbOptions;
import dev.duckstring.runner.QueryWorkers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The running read-only HTTP view of one Catchment root: start it with {@link #start}, stop it with
 * {@link #close}. It reads the root's files on every request and writes nothing.
 */
public final class HttpView implements AutoCloseable {
  /** Connections served at once (decision 21). */
  public static final int CONNECTION_THREADS = NanoServer.THREADS;

  /** Connections accepted and waiting for a thread; one more is answered 503 at once. */
  public static final int CONNECTION_QUEUE = NanoServer.QUEUE;

  /**
   * The pools the view runs on, made by its owner ({@code daemon.DaemonThreads}) and shut down by
   * {@link #close}: {@code connections} has {@link #CONNECTION_THREADS} threads and a queue of
   * {@link #CONNECTION_QUEUE}; {@code queryWatchdog} stops queries that overrun.
   */
  public record Pools(ThreadPoolExecutor connections, ScheduledExecutorService queryWatchdog) {}

  /** How long one {@code /api/query} statement may run. */
  public static final Duration QUERY_TIMEOUT = Duration.ofSeconds(30);

  /** DuckDB resources of each query: few threads and a memory cap, so the daemon keeps running. */
  static final DuckDbOptions QUERY_RESOURCES =
      DuckDbOptions.defaults().withThreads(2).withMemoryLimit("1GB");

  /**
   * The virtual memory (address space) of each query worker process, JVM and DuckDB together: a
   * query that needs more fails or kills only its worker, never the daemon.
   */
  public static final long QUERY_WORKER_MEMORY = 2L << 30;

  private final NanoServer server;
  private final String bind;
  private final QueryWorkers workers;
  private final StatusPolls watch;

  private HttpView(NanoServer server, String bind, QueryWorkers workers, StatusPolls watch) {
    this.server = server;
    this.bind = bind;
    this.workers = workers;
    this.watch = watch;
  }

  /**
   * Who may read the view: everyone ({@link #none}), or only holders of a key in {@code file} (a
   * {@link KeyFile}), whose later changes are reported to {@code journal} (event, fields).
   */
  public record Keys(Path file, BiConsumer<String, Map<String, Object>> journal) {
    /** No keys: the view is open to whoever can reach it. */
    public static Keys none() {
      return new Keys(null, (e, f) -> {});
    }

    /**
     * The keys in {@code file} (none when null), whose changes are appended to the event log that
     * {@code events} gives once it is open.
     */
    public static Keys journaled(Path file, Supplier<EventLog> events, Clock clock) {
      if (file == null) {
        return none();
      }
      return new Keys(
          file,
          (event, fields) -> {
            EventLog log = events.get();
            if (log != null) {
              log.append(clock.instant(), event, fields);
            }
          });
    }
  }

  /**
   * Serves {@code layout}'s root on {@code bind:port} (port 0 picks a free port), open to all;
   * throws a one-line error if the address cannot be bound.
   */
  public static HttpView start(
      CatchmentLayout layout, String catchment, String bind, int port, Clock clock, Pools pools) {
    return start(layout, catchment, bind, port, clock, pools, Keys.none());
  }

  /**
   * Like {@link #start(CatchmentLayout, String, String, int, Clock, Pools)}, but with {@code
   * keys.file()} set every route but {@code /health} needs a key from it; a missing, too open or
   * malformed key file is a one-line error and nothing starts.
   */
  public static HttpView start(
      CatchmentLayout layout,
      String catchment,
      String bind,
      int port,
      Clock clock,
      Pools pools,
      Keys keys) {
    requireNonNull(layout, "layout is null");
    requireNonNull(bind, "bind is null");
    KeyGate gate;
    try {
      if (keys.file() != null) {
        KeyFile.checkOutside(keys.file(), layout.ponds());
      }
      gate = keys.file() == null ? KeyGate.open() : KeyGate.load(keys.file(), keys.journal());
    } catch (RuntimeException e) {
      pools.connections().shutdownNow();
      pools.queryWatchdog().shutdownNow();
      throw e;
    }
    QueryWorkers queries =
        new QueryWorkers(
            Queries.CONCURRENT,
            QUERY_TIMEOUT,
            QUERY_RESOURCES,
            QUERY_WORKER_MEMORY,
            pools.queryWatchdog());
    StatusPolls watch = new StatusPolls(RootChanges.of(layout), StatusPolls.WAIT);
    NanoServer server =
        new NanoServer(
            bind,
            port,
            new Router(layout, catchment, clock, queries, watch),
            gate,
            pools.connections());
    try {
      server.startDaemon();
    } catch (IOException e) {
      queries.close();
      pools.connections().shutdownNow();
      throw new DuckstringException(
          "cannot serve the HTTP view on "
              + bind
              + ":"
              + port
              + ": "
              + e.getMessage()
              + "; set another 'port' (or 'bind') in "
              + layout.config(),
          e);
    }
    return new HttpView(server, bind, queries, watch);
  }

  /** The port the view listens on (the real one when started with port 0). */
  public int port() {
    return server.getListeningPort();
  }

  /** The view's base URL, e.g. {@code http://127.0.0.1:5000}. */
  public String url() {
    String host = bind.contains(":") ? "[" + bind + "]" : bind;
    return "http://" + host + ":" + port();
  }

  @Override
  public void close() {
    watch.close(); // waiting long-polls answer now, before their threads are stopped
    server.stop();
    workers.close();
  }
}
