package dev.duckstring.daemon;

import dev.duckstring.catchment.EventLog;
import dev.duckstring.fs.Json;
import dev.duckstring.model.AlertRule;
import dev.duckstring.model.Durations;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers alerts on its own threads, never on the reactor's: a command gets the JSON on stdin, a
 * URL gets it as a POST. Each attempt has a hard limit (the rule's {@code timeout}: the command's
 * process tree is killed, the request abandoned); a failed one is tried again after 1 s, 2 s, 4 s
 * ... (at most 60 s) up to the rule's {@code retries}. At most {@link #MAX_PENDING} alerts wait;
 * more are dropped. Every delivery and every failed attempt is journaled.
 */
final class AlertDelivery implements AutoCloseable {
  static final int THREADS = 2;
  static final int MAX_PENDING = 256;
  private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(60);

  /** The threads deliveries run on (from {@link DaemonThreads#alerts}). */
  record Pools(ScheduledExecutorService deliveries, ExecutorService http) {}

  private final Pools pools;
  private final EventLog log;
  private final Clock clock;
  private final Path cwd;
  private final HttpClient client;
  private final AtomicInteger pending = new AtomicInteger();

  AlertDelivery(Pools pools, EventLog log, Clock clock, Path cwd) {
    this.pools = pools;
    this.log = log;
    this.clock = clock;
    this.cwd = cwd;
    this.client =
        HttpClient.newBuilder()
            .executor(pools.http())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(AlertRule.DEFAULT_TIMEOUT)
            .build();
  }

  /** Queues {@code alert}; returns at once. */
  void send(Incidents.Alert alert) {
    if (pending.incrementAndGet() > MAX_PENDING) {
      pending.decrementAndGet();
      journal("alert_dropped", alert, Map.of("error", MAX_PENDING + " alerts already wait"));
      return;
    }
    schedule(alert, 1, Duration.ZERO);
  }

  private void schedule(Incidents.Alert alert, int attempt, Duration after) {
    try {
      pools
          .deliveries()
          .schedule(() -> attempt(alert, attempt), after.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      pending.decrementAndGet(); // the daemon is stopping
    }
  }

  private void attempt(Incidents.Alert alert, int attempt) {
    String error;
    try {
      error = deliver(alert.rule(), Json.line(alert.payload()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.decrementAndGet();
      return;
    } catch (IOException | RuntimeException e) {
      error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    if (error == null) {
      pending.decrementAndGet();
      journal("alert_sent", alert, Map.of("attempt", attempt));
      return;
    }
    boolean again = attempt <= alert.rule().retries();
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("attempt", attempt);
    f.put("error", error);
    f.put("retrying", again);
    journal("alert_failed", alert, f);
    if (again) {
      schedule(alert, attempt + 1, pause(attempt));
    } else {
      pending.decrementAndGet();
    }
  }

  /** The pause after failed attempt {@code attempt}: 1 s, 2 s, 4 s ..., at most 60 s. */
  static Duration pause(int attempt) {
    Duration d = FIRST_PAUSE.multipliedBy(1L << Math.min(attempt - 1, 16));
    return d.compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : d;
  }

  /** One attempt; null when it worked, else why not. */
  private String deliver(AlertRule rule, String json) throws IOException, InterruptedException {
    return rule.url() != null ? post(rule, json) : run(rule, json);
  }

  private String post(AlertRule rule, String json) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(rule.url()))
            .timeout(rule.timeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "duckstring-alerts")
            .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
            .build();
    CompletableFuture<HttpResponse<Void>> answer =
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
    try {
      int code = answer.get(rule.timeout().toMillis(), TimeUnit.MILLISECONDS).statusCode();
      return code / 100 == 2 ? null : "HTTP " + code;
    } catch (TimeoutException e) {
      answer.cancel(true);
      return "no answer within " + Durations.compact(rule.timeout());
    } catch (ExecutionException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      return c instanceof HttpTimeoutException
          ? "no answer within " + Durations.compact(rule.timeout())
          : c.getClass().getSimpleName() + (c.getMessage() == null ? "" : ": " + c.getMessage());
    } catch (InterruptedException e) {
      answer.cancel(true);
      throw e;
    }
  }

  private String run(AlertRule rule, String json) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(rule.command())
            .directory(cwd.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      try (OutputStream in = p.getOutputStream()) {
        in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // a command that does not read its stdin: its exit status says whether it worked
      }
      if (!p.waitFor(rule.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        killTree(p);
        return "timed out after " + Durations.compact(rule.timeout()) + " (killed)";
      }
      int code = p.exitValue();
      if (code == 0) {
        return null;
      }
      String err = tail(p.getErrorStream());
      return "exit " + code + (err.isEmpty() ? "" : ": " + err);
    } catch (InterruptedException e) {
      killTree(p);
      throw e;
    }
  }

  /** The last line of what the command wrote to stderr (what is there now, at most 4 KiB). */
  private static String tail(InputStream err) throws IOException {
    int n = Math.min(err.available(), 4096);
    String text = new String(err.readNBytes(n), StandardCharsets.UTF_8).strip();
    return text.isEmpty() ? "" : text.substring(text.lastIndexOf('\n') + 1);
  }

  private static void killTree(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
  }

  private void journal(String event, Incidents.Alert alert, Map<String, Object> more) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("line", alert.line());
    f.put("alert", alert.event());
    f.put("rule", alert.rule().id());
    f.put("to", alert.rule().destination());
    f.put("repeat", alert.payload().get("repeat"));
    f.putAll(more);
    Daemon.journal(log, clock, event, f);
  }

  /** Stops the deliveries: what still waits or retries is abandoned, a running command killed. */
  @Override
  public void close() {
    pools.deliveries().shutdownNow();
    pools.http().shutdownNow();
  }
}
