package dev.duckstring.http;

import static java.util.Objects.requireNonNull;

import dev.duckstring.catchment.LineStatus;
import dev.duckstring.catchment.RunRecord;
import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The client side of the view, for Catchments registered by URL: status, Ripple downloads and
 * queries over HTTP, with the server's one-line errors passed through unchanged. JDK only.
 */
public final class RemoteCatchment {
  private static final Duration CONNECT = Duration.ofSeconds(10);

  /** The most rows one query answer may carry. */
  public static final int MAX_ROWS = Queries.MAX_ROWS;

  /** The most bytes of rows one query answer may carry. */
  public static final long MAX_BYTES = Queries.MAX_BYTES;

  private final String name;
  private final String base;
  private final Path keyFile;
  private final HttpClient client;

  /**
   * A client for the view at {@code baseUrl} ({@code http(s)://host:port}), registered as {@code
   * name}, that sends no key.
   */
  public RemoteCatchment(String name, String baseUrl) {
    this(name, baseUrl, null);
  }

  /**
   * A client for the view at {@code baseUrl}, registered as {@code name}, that sends the key in
   * {@code keyFile} (a {@link ClientKey} file, read for every request; null for none) as {@code
   * Authorization: Bearer}.
   */
  public RemoteCatchment(String name, String baseUrl, Path keyFile) {
    this.name = requireNonNull(name, "name is null");
    this.base = requireNonNull(baseUrl, "baseUrl is null").replaceAll("/+$", "");
    this.keyFile = keyFile;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(CONNECT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** Every line's status, as {@code GET /api/status} reports it. */
  public List<LineStatus> status() {
    StatusReply reply =
        Json.read(
            text("/api/status", Map.of(), CONNECT.multipliedBy(3)),
            StatusReply.class,
            url("/api/status"));
    return reply.lines();
  }

  /**
   * The newest {@code limit} runs of {@code pond}'s lines, as {@code GET /api/runs} reports them.
   */
  public List<RunRecord> runs(String pond, int limit) {
    RunsReply reply =
        Json.read(
            text(
                "/api/runs",
                Map.of("pond", pond, "limit", Integer.toString(limit)),
                CONNECT.multipliedBy(3)),
            RunsReply.class,
            url("/api/runs"));
    return reply.runs();
  }

  /**
   * {@code pond}'s lines with their published files, as {@code GET /api/ponds/{pond}} reports them;
   * empty when the view answers 404 (nothing deployed under that name).
   */
  public Optional<PondReply> pond(String pond) {
    String path = "/api/ponds/" + enc(pond);
    HttpResponse<String> r =
        send(
            path,
            Map.of(),
            CONNECT.multipliedBy(3),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() == 404) {
      return Optional.empty();
    }
    if (r.statusCode() != 200) {
      throw failure(r.statusCode(), r.body(), path);
    }
    return Optional.of(Json.read(r.body(), PondReply.class, url(path)));
  }

  /**
   * At most {@code limit} rows of {@code sql} (or of {@code ripple}'s table when sql is null) over
   * {@code pond}'s published tables; {@code version} is a major, an exact version or null.
   */
  public QueryReply query(
      String pond, String version, String ripple, String sql, int limit, boolean types) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("pond", pond);
    putIf(params, "version", version);
    putIf(params, "ripple", ripple);
    putIf(params, "sql", sql);
    params.put("limit", String.valueOf(limit));
    if (types) {
      params.put("types", "true");
    }
    String body = text("/api/query", params, HttpView.QUERY_TIMEOUT.plusSeconds(30));
    return Json.read(body, QueryReply.class, url("/api/query"));
  }

  /**
   * Downloads {@code ripple}'s published files into {@code to} (created; files of the same name
   * replaced) and returns how many files were written. Entries that would land outside {@code to}
   * are refused.
   */
  public int download(String pond, String version, String ripple, Path to) throws IOException {
    Map<String, String> params = new LinkedHashMap<>();
    putIf(params, "version", version);
    String path = "/api/ponds/" + enc(pond) + "/ripples/" + enc(ripple);
    HttpResponse<InputStream> r =
        send(path, params, null, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = r.body()) {
      if (r.statusCode() != 200) {
        throw failure(r.statusCode(), new String(in.readAllBytes(), StandardCharsets.UTF_8), path);
      }
      if (Files.exists(to) && !Files.isDirectory(to)) {
        throw new DuckstringException(to + " exists and is not a directory");
      }
      return unzip(in, ripple, to);
    }
  }

  /** Unpacks a Ripple's zip into {@code to} ({@link RippleZip#unzip}). */
  static int unzip(InputStream in, String ripple, Path to) throws IOException {
    return RippleZip.unzip(in, ripple, to);
  }

  private String text(String path, Map<String, String> params, Duration timeout) {
    HttpResponse<String> r =
        send(path, params, timeout, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (r.statusCode() != 200) {
      throw failure(r.statusCode(), r.body(), path);
    }
    return r.body();
  }

  private <T> HttpResponse<T> send(
      String path,
      Map<String, String> params,
      Duration timeout,
      HttpResponse.BodyHandler<T> handler) {
    List<String> query = new ArrayList<>();
    params.forEach((k, v) -> query.add(enc(k) + "=" + enc(v)));
    String target = url(path) + (query.isEmpty() ? "" : "?" + String.join("&", query));
    HttpRequest.Builder b;
    try {
      b = HttpRequest.newBuilder(URI.create(target)).GET().header("Accept", "application/json");
    } catch (IllegalArgumentException e) {
      throw new DuckstringException(
          "catchment '" + name + "' has a bad URL " + base + ": " + e.getMessage());
    }
    if (timeout != null) {
      b.timeout(timeout);
    }
    if (keyFile != null) {
      String key;
      try {
        key = ClientKey.read(keyFile);
      } catch (DuckstringException e) {
        throw new DuckstringException(
            "cannot read the key of catchment '" + name + "': " + e.getMessage(), e);
      }
      b.header("Authorization", "Bearer " + key);
    }
    try {
      return client.send(b.build(), handler);
    } catch (IOException e) {
      throw new DuckstringException(
          "cannot reach catchment '" + name + "' at " + base + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DuckstringException("interrupted while reading catchment '" + name + "'", e);
    }
  }

  /** The server's one-line error, or a line naming the status when the body is not ours. */
  private DuckstringException failure(int status, String body, String path) {
    String error = null;
    try {
      ErrorReply reply = Json.read(body, ErrorReply.class, url(path));
      error = reply.error();
    } catch (DuckstringException ignored) {
      // Not one of our error bodies: fall through.
    }
    if (status == 401) {
      return refused(error == null ? "HTTP 401" : error);
    }
    if (error != null) {
      return new DuckstringException(error);
    }
    return new DuckstringException(
        "catchment '"
            + name
            + "' at "
            + base
            + " answered HTTP "
            + status
            + " for "
            + path
            + " (is that a Duckstring view?)");
  }

  /** A 401: the key was missing or wrong. */
  private DuckstringException refused(String why) {
    if (keyFile == null) {
      return new DuckstringException(
          "catchment '"
              + name
              + "' at "
              + base
              + " needs a key: register it with 'duckstring catchment connect --name "
              + name
              + " --path "
              + base
              + " --key-file FILE'");
    }
    return new DuckstringException(
        "the catchment refused the key: catchment '"
            + name
            + "' at "
            + base
            + " did not accept the key in "
            + keyFile
            + " ("
            + why
            + ")");
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    return m;
  }

  private String url(String path) {
    return base + path;
  }

  private static void putIf(Map<String, String> params, String key, String value) {
    if (value != null) {
      params.put(key, value);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
