package dev.duckstring.http;

import fi.iki.elonen.NanoHTTPD;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Serves connections on a fixed number of threads with a short queue; a connection that finds both
 * full is answered 503 at once and closed, so a flood of connections never adds threads.
 */
final class BoundedRunner implements NanoHTTPD.AsyncRunner {
  private final ThreadPoolExecutor pool;
  private final Set<NanoHTTPD.ClientHandler> open = ConcurrentHashMap.newKeySet();

  /**
   * Runs connections on {@code pool}, made by the view's owner with a fixed size and a bounded
   * queue ({@link HttpView#pool}); a connection the pool rejects is answered 503.
   */
  BoundedRunner(ThreadPoolExecutor pool) {
    this.pool = pool;
  }

  /** Connections accepted and waiting for a thread. */
  int waiting() {
    return pool.getQueue().size();
  }

  @Override
  public void exec(NanoHTTPD.ClientHandler handler) {
    open.add(handler);
    try {
      pool.execute(handler);
    } catch (RejectedExecutionException e) {
      open.remove(handler);
      refuse(handler);
    }
  }

  @Override
  public void closed(NanoHTTPD.ClientHandler handler) {
    open.remove(handler);
  }

  @Override
  public void closeAll() {
    pool.shutdownNow();
    for (NanoHTTPD.ClientHandler h : open) {
      h.close();
    }
    open.clear();
  }

  /** Answers 503 without reading the request (the accepting thread must not wait) and closes. */
  private static void refuse(NanoHTTPD.ClientHandler handler) {
    if (handler instanceof NanoServer.Connection c) {
      Socket s = c.socket();
      try {
        OutputStream out = s.getOutputStream();
        out.write(
            Wire.error(
                503, "the HTTP view is busy (all connections in use); try again shortly", true));
        out.flush();
        s.getInputStream().skip(s.getInputStream().available());
        s.shutdownOutput();
      } catch (IOException e) {
        // The client is gone already.
      }
    }
    handler.close();
  }
}
