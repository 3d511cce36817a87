package dev.duckstring.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The dashboard's files, read once from the jar ({@code dev/duckstring/http/*}); nothing else. */
final class Assets {
  /** Served path to resource name and content type; the only files the dashboard has. */
  private static final Map<String, String[]> FILES =
      Map.of(
          "/", new String[] {"index.html", "text/html; charset=utf-8"},
          "/index.html", new String[] {"index.html", "text/html; charset=utf-8"},
          "/dashboard.css", new String[] {"dashboard.css", "text/css; charset=utf-8"},
          "/dashboard.js", new String[] {"dashboard.js", "text/javascript; charset=utf-8"},
          "/favicon.svg", new String[] {"favicon.svg", "image/svg+xml"});

  /** Content Security Policy of the dashboard: its own files and its own API, nothing else. */
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
          + " img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private Assets() {}

  /** The asset served at {@code path}, or null. */
  static Reply get(String path) {
    String[] f = FILES.get(path);
    if (f == null) {
      return null;
    }
    try (InputStream in = Assets.class.getResourceAsStream(f[0])) {
      if (in == null) {
        throw new IllegalStateException("missing resource dev/duckstring/http/" + f[0]);
      }
      return new Reply(
              200, f[1], Map.of("Cache-Control", "no-cache"), new Reply.Bytes(in.readAllBytes()))
          .withHeader("Content-Security-Policy", CSP);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
