package dev.duckstring.http;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One request as the router sees it: the method, the already percent-decoded path split into
 * segments, and the query parameters (first value of each).
 */
record Request(String method, String path, List<String> segments, Map<String, String> params) {
  Request {
    requireNonNull(method, "method is null");
    requireNonNull(path, "path is null");
    segments = List.copyOf(segments);
    params = Map.copyOf(params);
  }

  /** Splits a decoded path; empty segments (from {@code //}) are kept so they can be refused. */
  static Request of(String method, String path, Map<String, String> params) {
    String p = path == null || path.isEmpty() ? "/" : path;
    List<String> segments =
        p.equals("/") ? List.of() : List.of(p.substring(p.startsWith("/") ? 1 : 0).split("/", -1));
    return new Request(method, p, segments, params);
  }

  /** A GET for tests. */
  static Request get(String path, Map<String, String> params) {
    return of("GET", path, params);
  }

  String param(String name) {
    String v = params.get(name);
    return v == null || v.isEmpty() ? null : v;
  }

  boolean isHead() {
    return method.equals("HEAD");
  }
}
