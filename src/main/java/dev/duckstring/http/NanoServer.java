package dev.duckstring.http;

import fi.iki.elonen.NanoHTTPD;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The NanoHTTPD shell around {@link Router}: turns sessions into requests and replies into bytes,
 * on a bounded pool of connection threads, with bounded request heads and idle timeouts.
 */
final class NanoServer extends NanoHTTPD {
  /** Threads serving connections; one connection holds one thread while it is open. */
  static final int THREADS = 16;

  /** Accepted connections that may wait for a thread; more are answered 503 at once. */
  static final int QUEUE = 32;

  /** A connection that sends nothing for this long (between requests, or mid-head) is closed. */
  static final int IDLE_TIMEOUT_MS = 10_000;

  /** The longest a request head may take to arrive, however it trickles in. */
  static final long HEAD_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(10);

  /**
   * After refusing a head, at most this much of the rest is read and dropped, so the client sees
   * the answer.
   */
  private static final long LINGER_BYTES = 16L << 20;

  private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final Router router;
  private final KeyGate gate;
  private final BoundedRunner runner;

  NanoServer(String bind, int port, Router router, KeyGate gate, ThreadPoolExecutor connections) {
    super(bind, port);
    this.router = router;
    this.gate = gate;
    this.runner = new BoundedRunner(connections);
    setAsyncRunner(runner);
    // NanoHTTPD logs dropped connections and malformed requests (which it answers by closing the
    // connection) with stack traces; handler errors never reach it, so the daemon's console stays
    // quiet.
    Logger.getLogger(NanoHTTPD.class.getName()).setLevel(Level.OFF);
  }

  void startDaemon() throws IOException {
    start(IDLE_TIMEOUT_MS, true);
  }

  @Override
  protected ClientHandler createClientHandler(Socket socket, InputStream in) {
    return new Connection(in, socket);
  }

  /**
   * One connection: reads each request head itself (bounded: {@link RequestHead}) and hands exactly
   * that head to a fresh NanoHTTPD session, so nothing NanoHTTPD reads can grow.
   */
  final class Connection extends ClientHandler {
    private final InputStream in;
    private final Socket socket;

    Connection(InputStream in, Socket socket) {
      super(in, socket);
      this.in = in;
      this.socket = socket;
    }

    Socket socket() {
      return socket;
    }

    @Override
    public void run() {
      try {
        OutputStream out = socket.getOutputStream();
        InputStream buffered = new BufferedInputStream(in, RequestHead.MAX_BYTES);
        TempFileManager temp = getTempFileManagerFactory().create();
        while (!socket.isClosed()) {
          byte[] head;
          try {
            head =
                RequestHead.read(
                    buffered, RequestHead.MAX_BYTES, System.nanoTime() + HEAD_DEADLINE_NANOS);
          } catch (HttpFailure e) {
            out.write(Wire.error(e.status(), e.getMessage(), false));
            out.flush();
            linger(buffered);
            return;
          }
          if (head == null) {
            return;
          }
          new HTTPSession(temp, new ByteArrayInputStream(head), out, socket.getInetAddress())
              .execute();
        }
      } catch (IOException e) {
        // The client went away, timed out, or the answer said to close: nothing to clean up.
      } finally {
        close();
        runner.closed(this);
      }
    }

    /** Ends the answer, then drops (a bounded amount of) what the client still sends. */
    private void linger(InputStream buffered) throws IOException {
      socket.shutdownOutput();
      socket.setSoTimeout(500);
      byte[] sink = new byte[8192];
      long start = System.nanoTime();
      long dropped = 0;
      while (dropped < LINGER_BYTES && System.nanoTime() - start < LINGER_NANOS) {
        int n = buffered.read(sink);
        if (n < 0) {
          return;
        }
        dropped += n;
      }
    }
  }

  @Override
  public Response serve(IHTTPSession session) {
    Map<String, String> params = new HashMap<>();
    for (Map.Entry<String, List<String>> e : session.getParameters().entrySet()) {
      if (!e.getValue().isEmpty()) {
        params.put(e.getKey(), e.getValue().get(0));
      }
    }
    String method = session.getMethod() == null ? "UNKNOWN" : session.getMethod().name();
    Request request = Request.of(method, session.getUri(), params);
    // The one gate before routing: no route is reached without a key when keys are set.
    Reply refused = gate.check(request.path(), session.getHeaders().get("authorization"));
    Reply reply = refused != null ? Router.secure(refused) : router.handle(request);
    Response r = method.equals("HEAD") ? head(reply) : response(reply);
    reply.headers().forEach(r::addHeader);
    Map<String, String> headers = session.getHeaders();
    boolean body =
        headers.containsKey("transfer-encoding")
            || (headers.containsKey("content-length")
                && !headers.get("content-length").equals("0"));
    if (reply.status() == 405 || body || runner.waiting() > 0) {
      // A request body is never read, so the connection cannot carry another request; and while
      // connections wait for a thread, this one makes room instead of being kept alive.
      r.closeConnection(true);
    }
    return r;
  }

  private static Response response(Reply reply) {
    Response.IStatus status = status(reply.status());
    Reply.Body body = reply.body();
    if (body instanceof Reply.Bytes b) {
      return newFixedLengthResponse(
          status, reply.contentType(), new ByteArrayInputStream(b.bytes()), b.bytes().length);
    }
    if (body instanceof Reply.FileBody f) {
      try {
        InputStream in = Files.newInputStream(f.file());
        return newFixedLengthResponse(status, reply.contentType(), in, Files.size(f.file()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Reply.Writer writer = ((Reply.Streamed) body).writer();
    try {
      PipedInputStream in = new PipedInputStream(1 << 16);
      PipedOutputStream out = new PipedOutputStream(in);
      Thread t =
          new Thread(
              () -> {
                try (out) {
                  writer.writeTo(out);
                } catch (IOException e) {
                  // The client went away; nothing to clean up, nothing was written to the root.
                }
              },
              "duckstring-http-stream");
      t.setDaemon(true);
      t.start();
      return newChunkedResponse(status, reply.contentType(), in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A HEAD answer: the headers of the GET answer and no body. NanoHTTPD 2.3.1 would send a fixed
   * length body even for HEAD, so the body is empty and the length is given as a header.
   */
  private static Response head(Reply reply) {
    Response r =
        newFixedLengthResponse(
            status(reply.status()), reply.contentType(), new ByteArrayInputStream(new byte[0]), 0);
    long length = -1;
    try {
      if (reply.body() instanceof Reply.Bytes b) {
        length = b.bytes().length;
      } else if (reply.body() instanceof Reply.FileBody f) {
        length = Files.size(f.file());
      }
    } catch (IOException e) {
      length = -1;
    }
    if (length > 0) {
      r.addHeader("Content-Length", String.valueOf(length));
    }
    return r;
  }

  private static Response.IStatus status(int code) {
    for (Response.Status s : Response.Status.values()) {
      if (s.getRequestStatus() == code) {
        return s;
      }
    }
    return Response.Status.INTERNAL_ERROR;
  }
}
