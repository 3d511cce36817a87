package dev.duckstring.http;

import static java.util.Objects.requireNonNull;

import dev.duckstring.fs.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer before it meets the wire: status, content type, extra headers and a body. */
record Reply(int status, String contentType, Map<String, String> headers, Body body) {
  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  Reply {
    requireNonNull(contentType, "contentType is null");
    headers = Map.copyOf(headers);
    requireNonNull(body, "body is null");
  }

  /** What is sent after the headers. */
  sealed interface Body permits Bytes, FileBody, Streamed {}

  /** A body held in memory. */
  record Bytes(byte[] bytes) implements Body {}

  /** A file sent as it is, with its length. */
  record FileBody(Path file) implements Body {}

  /** A body written as it is produced (a zip stream), sent chunked. */
  record Streamed(Writer writer) implements Body {}

  /** Writes a streamed body. */
  @FunctionalInterface
  interface Writer {
    void writeTo(OutputStream out) throws IOException;
  }

  static Reply json(int status, Object value) {
    return text(status, JSON, Json.write(value) + "\n");
  }

  static Reply text(int status, String contentType, String text) {
    return new Reply(
        status, contentType, Map.of(), new Bytes(text.getBytes(StandardCharsets.UTF_8)));
  }

  static Reply error(int status, String message) {
    return json(status, new ErrorReply(message));
  }

  /** A copy with one more header. */
  Reply withHeader(String name, String value) {
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put(name, value);
    return new Reply(status, contentType, h, body);
  }

  /** The body as text (in-memory bodies only; for tests and errors). */
  String text() {
    return body instanceof Bytes b ? new String(b.bytes(), StandardCharsets.UTF_8) : "";
  }
}
