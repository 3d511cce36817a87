package dev.duckstring.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Error answers written straight to a socket, for the refusals made before NanoHTTPD parses a
 * request (busy, URL or headers too long, too slow): the usual JSON body and headers, then close.
 */
final class Wire {
  private Wire() {}

  /** A complete HTTP/1.1 answer with {@code Connection: close}; 503s say when to retry. */
  static byte[] error(int status, String message, boolean retry) {
    Reply reply = Router.secure(Reply.error(status, message));
    if (retry) {
      reply = reply.withHeader("Retry-After", "1");
    }
    byte[] body = ((Reply.Bytes) reply.body()).bytes();
    StringBuilder head = new StringBuilder();
    head.append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
    head.append("Content-Type: ").append(reply.contentType()).append("\r\n");
    head.append("Content-Length: ").append(body.length).append("\r\n");
    head.append("Connection: close\r\n");
    for (Map.Entry<String, String> h : reply.headers().entrySet()) {
      head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "Bad Request";
      case 408 -> "Request Timeout";
      case 414 -> "URI Too Long";
      case 431 -> "Request Header Fields Too Large";
      case 503 -> "Service Unavailable";
      default -> "Error";
    };
  }
}
