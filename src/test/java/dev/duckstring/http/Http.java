package dev.duckstring.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A small test client: real requests, including raw request lines no HTTP library would send. */
final class Http {
  private final String base;
  private final int port;
  private final String key;
  private final HttpClient client = HttpClient.newHttpClient();

  /** A status, lower-cased headers and the body. */
  record Answer(int status, Map<String, String> headers, byte[] bytes) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  Http(int port) {
    this(port, null);
  }

  /** A client that sends {@code Authorization: Bearer key} with every request (null: none). */
  Http(int port, String key) {
    this.port = port;
    this.base = "http://127.0.0.1:" + port;
    this.key = key;
  }

  String base() {
    return base;
  }

  Answer get(String pathAndQuery) throws IOException, InterruptedException {
    return send("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody());
  }

  Answer send(String method, String pathAndQuery, HttpRequest.BodyPublisher body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + pathAndQuery)).method(method, body);
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    Map<String, String> headers = new LinkedHashMap<>();
    r.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
    return new Answer(r.statusCode(), headers, r.body());
  }

  /** Sends {@code METHOD target HTTP/1.1} verbatim over a socket and reads the whole answer. */
  Answer raw(String method, String target) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      OutputStream out = s.getOutputStream();
      out.write(
          (method
                  + " "
                  + target
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + (key == null ? "" : "Authorization: Bearer " + key + "\r\n")
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      try {
        in.transferTo(all);
      } catch (IOException e) {
        // A reset after the answer still leaves the answer.
      }
      String text = all.toString(StandardCharsets.ISO_8859_1);
      if (text.isEmpty()) {
        return new Answer(0, Map.of(), new byte[0]);
      }
      int status = Integer.parseInt(text.substring(9, 12));
      int split = text.indexOf("\r\n\r\n");
      Map<String, String> headers = new LinkedHashMap<>();
      for (String line : text.substring(0, split < 0 ? text.length() : split).split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers.put(
              line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
              line.substring(colon + 1).trim());
        }
      }
      String body = split < 0 ? "" : text.substring(split + 4);
      return new Answer(status, headers, body.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
