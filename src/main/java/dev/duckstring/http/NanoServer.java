package dev.duckstring.http;

import fi.iki.elonen.NanoHTTPD;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The NanoHTTPD shell around {@link Router}: turns sessions into requests and replies into bytes. */
final class NanoServer extends NanoHTTPD {
  /** A client that sends nothing for this long is dropped. */
  private static final int READ_TIMEOUT_MS = 30_000;

  private final Router router;

  NanoServer(String bind, int port, Router router) {
    super(bind, port);
    this.router = router;
    // NanoHTTPD logs dropped connections and malformed requests (which it answers by closing the
    // connection) with stack traces; handler errors never reach it, so the daemon's console stays quiet.
    Logger.getLogger(NanoHTTPD.class.getName()).setLevel(Level.OFF);
  }

  void startDaemon() throws IOException {
    start(READ_TIMEOUT_MS, true);
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
    Reply reply = router.handle(Request.of(method, session.getUri(), params));
    Response r = method.equals("HEAD") ? head(reply) : response(reply);
    reply.headers().forEach(r::addHeader);
    if (reply.status() == 405) {
      r.closeConnection(true); // the request body, if any, was never read
    }
    return r;
  }

  private static Response response(Reply reply) {
    Response.IStatus status = status(reply.status());
    Reply.Body body = reply.body();
    if (body instanceof Reply.Bytes b) {
      return newFixedLengthResponse(status, reply.contentType(), new ByteArrayInputStream(b.bytes()), b.bytes().length);
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
