package dev.duckstring.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The floor of a trivial SQL Ripple: DuckDB doing the same {@code COPY (SELECT x + 1 AS x FROM
 * <previous Parquet>) TO '<out>.parquet' (FORMAT parquet)} on a warm connection in this JVM (no
 * fresh database, no parse, no fsync, no bookkeeping).
 */
final class WarmCopy {
  private WarmCopy() {}

  /** Median ms of {@code samples} such copies, after five unmeasured ones. */
  static double median(Env env, int samples) throws Exception {
    Path dir = env.dir("warm-copy");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      Path prev = dir.resolve("prev.parquet");
      s.execute("COPY (SELECT random() AS x) TO '" + prev + "' (FORMAT parquet)");
      List<Double> ms = new ArrayList<>();
      for (int i = 0; i < samples + 5; i++) {
        Path out = dir.resolve("out" + i + ".parquet");
        long t = System.nanoTime();
        s.execute(
            "COPY (SELECT x + 1 AS x FROM read_parquet('"
                + prev
                + "')) TO '"
                + out
                + "' (FORMAT parquet)");
        if (i >= 5) {
          ms.add((System.nanoTime() - t) / 1e6);
        }
        Files.delete(out);
      }
      return Procs.median(ms);
    } finally {
      Env.deleteTree(dir);
    }
  }
}
