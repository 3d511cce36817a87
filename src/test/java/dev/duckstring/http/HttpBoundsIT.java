package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.fs.Json;
import dev.duckstring.testing.TestCatchment;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP view's cost is bounded against a real daemon: held-open connections and a burst of big
 * queries never add threads beyond the pool, query answers stay under the byte budget, huge URLs
 * and headers are refused with 414 and 431, and Ponds keep running meanwhile.
 */
class HttpBoundsIT {
  /**
   * Threads the view may add: its pool, the test's query and writer threads, and slack for the run.
   */
  private static final int QUERY_THREADS = 4;

  private static final int ALLOWED_EXTRA_THREADS = NanoServer.THREADS + 2 * QUERY_THREADS + 40;

  /** How long one request may take to be answered in full. */
  private static final Duration ANSWER_PATIENCE = Duration.ofSeconds(60);

  /** A reply's JSON around its rows: columns, types and flags. */
  private static final long ENVELOPE = 64 * 1024;

  /** 1000 rows of 20,000 bytes: 20 MB of values, more than the budget. */
  private static final String WIDE =
      "WITH w AS (SELECT repeat('x', 20000) AS s) SELECT i, s FROM range(1000) t(i), w ORDER BY i";

  @TempDir static Path tmp;
  static TestCatchment c;
  static int port;

  @BeforeAll
  static void demo() throws Exception {
    c = new TestCatchment(tmp);
    c.start();
    c.deployDemos();
    c.cli("pulse", "dev", "outlet").ok();
    c.awaitRuns("outlet@1", 1);
    port = c.httpPort();
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  @Test
  void heldConnectionsAndAQueryBurstNeverAddThreadsAndPondsKeepRunning() throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    await200(); // the pool is idle again after the other tests
    int baseline = threads.getThreadCount();
    threads.resetPeakThreadCount();
    long runsBefore = c.status("outlet@1").runsCompleted();
    List<Socket> held = new ArrayList<>();
    ExecutorService burst = Executors.newFixedThreadPool(QUERY_THREADS);
    try {
      for (int i = 0; i < 300; i++) {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(50);
        held.add(s);
      }
      c.cli("pulse", "dev", "outlet").ok();
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < 2 * QUERY_THREADS; i++) {
        answers.add(burst.submit(() -> raw(port, "GET", queryPath(WIDE, 1000), "")));
      }
      List<Answer> got = new ArrayList<>();
      for (Future<Answer> f : answers) {
        got.add(f.get());
      }
      int peak = threads.getPeakThreadCount();
      assertTrue(
          peak <= baseline + ALLOWED_EXTRA_THREADS,
          "threads went from " + baseline + " to " + peak + " with 300 connections held open");
      int refused = 0;
      for (Answer a : got) {
        // The held sockets fill the pool: a request is refused at once (503 or closed), never
        // queued forever.
        assertTrue(
            a.status() == 0 || a.status() == 503 || a.status() == 200, "status " + a.status());
        assertTrue(a.bytes().length <= Queries.MAX_BYTES + ENVELOPE, a.bytes().length + " bytes");
        if (a.status() == 503) {
          assertEquals("1", a.header("retry-after"));
          refused++;
        }
      }
      int answered503 = 0;
      for (Socket s : held) {
        if (readStatus(s) == 503) {
          answered503++;
        }
      }
      assertTrue(
          answered503 + refused > 0,
          "connections beyond the pool and its queue are refused with 503");
      c.awaitRuns("outlet@1", runsBefore + 1); // the pulse issued under load completed
    } finally {
      burst.shutdownNow();
      for (Socket s : held) {
        s.close();
      }
    }
    await200(); // once the flood is gone, the view answers again
  }

  @Test
  void queryAnswersStayWithinTheByteBudget() throws Exception {
    ExecutorService burst = Executors.newFixedThreadPool(QUERY_THREADS);
    try {
      List<Future<Answer>> answers = new ArrayList<>();
      for (int i = 0; i < QUERY_THREADS; i++) {
        answers.add(burst.submit(() -> raw(port, "GET", queryPath(WIDE, 1000), "")));
      }
      int ok = 0;
      for (Future<Answer> f : answers) {
        Answer a = f.get();
        assertTrue(a.bytes().length <= Queries.MAX_BYTES + ENVELOPE, a.bytes().length + " bytes");
        if (a.status() == 503) {
          continue; // more than the concurrent queries waited too long: bounded, and said so
        }
        assertEquals(200, a.status(), a.body());
        QueryReply q = Json.read(a.body(), QueryReply.class, "query");
        assertTrue(q.truncated());
        assertEquals("bytes", q.truncatedBy());
        assertTrue(q.rows().size() > 100 && q.rows().size() < 1000, q.rows().size() + " rows");
        for (int r = 0; r < q.rows().size(); r++) {
          assertEquals(String.valueOf(r), q.rows().get(r).get(0), "rows come in order, whole");
          assertEquals(20000, q.rows().get(r).get(1).length());
        }
        ok++;
      }
      assertTrue(ok > 0, "some of the burst was answered");
    } finally {
      burst.shutdownNow();
    }
    // One value bigger than the whole budget: no rows, and a small answer that says why.
    Answer huge = raw(port, "GET", queryPath("SELECT repeat('x', 10000000) AS s", 1), "");
    assertEquals(200, huge.status(), huge.body());
    assertTrue(huge.bytes().length < ENVELOPE, huge.bytes().length + " bytes");
    QueryReply q = Json.read(huge.body(), QueryReply.class, "query");
    assertEquals(List.of(), q.rows());
    assertEquals("bytes", q.truncatedBy());
    // Under the budget nothing changes; the row limit still says "rows".
    QueryReply small =
        Json.read(
            raw(port, "GET", queryPath("SELECT * FROM range(5)", 3), "").body(),
            QueryReply.class,
            "q");
    assertEquals(3, small.rows().size());
    assertEquals("rows", small.truncatedBy());
    printMemory();
  }

  @Test
  void aTenMegabyteUrlIs414AndHugeHeadersAre431() throws Exception {
    String url = "/api/status?x=" + "a".repeat(10 << 20);
    Answer a = raw(port, "GET", url, "");
    assertEquals(414, a.status(), a.body());
    assertTrue(a.body().contains("\"error\": \"the URL is longer than"), a.body());
    Answer h = raw(port, "GET", "/health", "X-Big: " + "b".repeat(64 * 1024) + "\r\n");
    assertEquals(431, h.status(), h.body());
    Answer many = raw(port, "GET", "/health", "X-Many: b\r\n".repeat(2000));
    assertEquals(431, many.status(), many.body());
    // Just under the bound still works.
    Answer fits = raw(port, "GET", "/health?x=" + "a".repeat(RequestHead.MAX_BYTES - 200), "");
    assertEquals(200, fits.status(), fits.body());
  }

  private static String queryPath(String sql, int limit) {
    return "/api/query?pond=outlet&limit=" + limit + "&sql=" + Http.enc(sql);
  }

  private static void await200() throws Exception {
    c.await(
        "the view answers",
        () -> {
          try {
            return raw(port, "GET", "/health", "").status() == 200;
          } catch (IOException e) {
            return false;
          }
        });
  }

  /** The status of an answer already waiting on {@code s}, or 0 if none has come. */
  private static int readStatus(Socket s) throws IOException {
    try {
      byte[] head = s.getInputStream().readNBytes(12);
      String text = new String(head, StandardCharsets.ISO_8859_1);
      return text.startsWith("HTTP/1.1 ") ? Integer.parseInt(text.substring(9, 12)) : 0;
    } catch (SocketTimeoutException e) {
      return 0;
    } catch (IOException e) {
      return 0;
    }
  }

  private static void printMemory() throws IOException {
    Runtime rt = Runtime.getRuntime();
    String rss =
        Files.readAllLines(Path.of("/proc/self/status")).stream()
            .filter(l -> l.startsWith("VmRSS") || l.startsWith("VmHWM"))
            .toList()
            .toString();
    System.out.printf(
        Locale.ROOT,
        "HttpBoundsIT memory: heap used %d MiB of %d MiB; %s%n",
        (rt.totalMemory() - rt.freeMemory()) >> 20,
        rt.totalMemory() >> 20,
        rss);
  }

  /** A status, lower-cased headers and the body. */
  record Answer(int status, String head, byte[] bytes) {
    String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    String header(String name) {
      for (String line : head.split("\r\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  /**
   * Sends a request (its target and extra header lines verbatim) from one thread while reading the
   * answer on this one, so a server that answers before reading everything is seen; status 0 when
   * the connection closed without an answer.
   */
  static Answer raw(int port, String method, String target, String headers) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(30_000);
      byte[] request =
          (method
                  + " "
                  + target
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + headers
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
      Thread writer =
          new Thread(
              () -> {
                try {
                  OutputStream out = s.getOutputStream();
                  out.write(request);
                  out.flush();
                } catch (IOException e) {
                  // The server refused and closed before reading everything.
                }
              },
              "http-bounds-writer");
      writer.setDaemon(true);
      writer.start();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      long deadline = System.nanoTime() + ANSWER_PATIENCE.toNanos();
      byte[] buf = new byte[1 << 16];
      try {
        // At most ANSWER_PATIENCE and 64 MiB: a server that keeps talking must not hang the test.
        for (int n;
            System.nanoTime() < deadline && all.size() < (64 << 20) && (n = in.read(buf)) >= 0; ) {
          all.write(buf, 0, n);
        }
      } catch (IOException e) {
        // A reset after the answer still leaves the answer.
      }
      byte[] bytes = all.toByteArray();
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      if (!text.startsWith("HTTP/1.1 ")) {
        return new Answer(0, "", new byte[0]);
      }
      int split = text.indexOf("\r\n\r\n");
      String head = split < 0 ? text : text.substring(0, split);
      byte[] body = split < 0 ? new byte[0] : Arrays.copyOfRange(bytes, split + 4, bytes.length);
      if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = unchunk(body);
      }
      return new Answer(Integer.parseInt(text.substring(9, 12)), head, body);
    }
  }

  private static byte[] unchunk(byte[] chunked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < chunked.length) {
      int eol = i;
      while (eol + 1 < chunked.length && !(chunked[eol] == '\r' && chunked[eol + 1] == '\n')) {
        eol++;
      }
      int size =
          Integer.parseInt(new String(chunked, i, eol - i, StandardCharsets.ISO_8859_1).trim(), 16);
      if (size == 0) {
        break;
      }
      out.write(chunked, eol + 2, size);
      i = eol + 2 + size + 2;
    }
    return out.toByteArray();
  }
}
