package dev.duckstring.runner;

import dev.duckstring.fs.Json;
import dev.duckstring.model.DuckstringException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The main of a query worker process ({@link QueryWorkers}): reads one JSON request per line on
 * stdin, answers one JSON reply per line on stdout with a locked-down {@link QueryService}, until
 * stdin closes. It writes no files.
 */
public final class QueryWorker {
  /**
   * One query; {@code generation} and the generations of {@code pinned} (pin to path, decision 46)
   * are absolute paths.
   */
  record Request(
      String pond,
      String generation,
      String sql,
      int maxRows,
      long maxBytes,
      Map<String, String> pinned) {
    static Request of(QueryScope scope, String sql, int maxRows, long maxBytes) {
      Map<String, String> pinned = new TreeMap<>();
      scope.pinned().forEach((pin, dir) -> pinned.put(pin, dir.toAbsolutePath().toString()));
      return new Request(
          scope.pond(),
          scope.generation().toAbsolutePath().toString(),
          sql,
          maxRows,
          maxBytes,
          pinned);
    }

    QueryScope scope() {
      QueryScope scope = QueryScope.of(pond, Path.of(generation));
      if (pinned != null) {
        for (Map.Entry<String, String> e : pinned.entrySet()) {
          scope = scope.withPin(e.getKey(), Path.of(e.getValue()));
        }
      }
      return scope;
    }
  }

  /** Its answer: the result, or {@code error} with DuckDB's one-line message. */
  record Reply(
      List<String> columns,
      List<List<String>> rows,
      boolean truncated,
      boolean byteLimited,
      String error) {}

  private QueryWorker() {}

  /** Arguments: the timeout in seconds, DuckDB threads, DuckDB memory limit (e.g. {@code 1GB}). */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: QueryWorker TIMEOUT_SECONDS THREADS MEMORY_LIMIT");
      System.exit(2);
    }
    QueryService service =
        new QueryService(
            QueryOptions.lockedDown(Duration.ofSeconds(Long.parseLong(args[0])))
                .withDuckDb(
                    DuckDbOptions.defaults()
                        .withThreads(Integer.parseInt(args[1]))
                        .withMemoryLimit(args[2])));
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    Writer out = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
    System.setOut(System.err); // stdout carries only replies, whatever a library prints
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      out.write(Json.line(answer(service, line)));
      out.write('\n');
      out.flush();
    }
  }

  private static Reply answer(QueryService service, String line) {
    try {
      Request r = Json.read(line, Request.class, "query request");
      QueryResult q = service.query(r.scope(), r.sql(), r.maxRows(), r.maxBytes());
      return new Reply(q.columns(), q.rows(), q.truncated(), q.byteLimited(), null);
    } catch (DuckstringException e) {
      return new Reply(null, null, false, false, e.getMessage());
    } catch (OutOfMemoryError e) {
      return new Reply(
          null, null, false, false, "Out of Memory Error: the query worker's heap is full");
    }
  }
}
