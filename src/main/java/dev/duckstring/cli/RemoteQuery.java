package dev.duckstring.cli;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Json;
import dev.duckstring.http.QueryReply;
import dev.duckstring.http.RemoteCatchment;
import dev.duckstring.manifest.Registrations;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.runner.ExportFormat;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code query} on a Catchment registered by URL: the server runs the SQL on its locked-down
 * DuckDB; printed results match a local query; --csv and --json are written here from the rows (up
 * to {@link RemoteCatchment#MAX_ROWS}); --parquet needs the root.
 */
final class RemoteQuery {
  private static final Pattern NUMBER =
      Pattern.compile("(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|REAL|DECIMAL.*)");

  private RemoteQuery() {}

  static int run(
      Env env,
      Registrations.Entry entry,
      String pond,
      String version,
      String ripple,
      String sql,
      ExportFormat format,
      Path target) {
    RemoteCatchment remote = ReadSide.remote(entry);
    if (target == null) {
      int limit = sql == null ? 10 : QueryCommand.PRINT_LIMIT;
      QueryReply r = remote.query(pond, version, ripple, sql, limit, false);
      TextTable.print(env.out(), r.columns(), r.rows());
      if (r.truncated() && sql != null) {
        env.err()
            .println(
                "(showing the first "
                    + QueryCommand.PRINT_LIMIT
                    + " rows; write them all with --csv, --json or --parquet)");
      }
      return 0;
    }
    if (format == ExportFormat.PARQUET) {
      throw new DuckstringException(
          "--parquet is not available over HTTP (catchment '"
              + entry.name()
              + "' is connected read-only at "
              + entry.path()
              + "); use --csv or --json, or mount its root and connect by path");
    }
    QueryReply r = remote.query(pond, version, ripple, sql, RemoteCatchment.MAX_ROWS, true);
    if (r.byteLimited()) {
      throw new DuckstringException(
          "the result is larger than the "
              + (RemoteCatchment.MAX_BYTES >> 20)
              + " MiB an HTTP connection exports; narrow the query, or mount the root and connect"
              + " by path");
    }
    if (r.truncated()) {
      throw new DuckstringException(
          "the result has more than "
              + RemoteCatchment.MAX_ROWS
              + " rows, the most an HTTP connection exports; narrow the query, or mount the root"
              + " and connect by path");
    }
    AtomicFiles.writeString(target, format == ExportFormat.CSV ? csv(r) : json(r));
    env.out().println("wrote " + r.rows().size() + " row(s) to " + GetCommand.display(env, target));
    return 0;
  }

  /** CSV with a header; NULL as an empty field, the empty string as {@code ""}. */
  static String csv(QueryReply r) {
    StringBuilder b = new StringBuilder();
    line(b, r.columns());
    r.rows().forEach(row -> line(b, row));
    return b.toString();
  }

  private static void line(StringBuilder b, List<String> values) {
    List<String> cells = new ArrayList<>();
    for (String v : values) {
      if (v == null) {
        cells.add("");
      } else if (v.isEmpty()
          || v.contains(",")
          || v.contains("\"")
          || v.contains("\n")
          || v.contains("\r")) {
        cells.add("\"" + v.replace("\"", "\"\"") + "\"");
      } else {
        cells.add(v);
      }
    }
    b.append(String.join(",", cells)).append('\n');
  }

  /**
   * One JSON array of records; numbers and booleans typed when the server described the columns.
   */
  static String json(QueryReply r) {
    List<Map<String, Object>> records = new ArrayList<>();
    for (List<String> row : r.rows()) {
      Map<String, Object> rec = new LinkedHashMap<>();
      for (int i = 0; i < r.columns().size(); i++) {
        rec.put(r.columns().get(i), value(row.get(i), r.types() == null ? null : r.types().get(i)));
      }
      records.add(rec);
    }
    return Json.write(records) + "\n";
  }

  private static Object value(String v, String type) {
    if (v == null || type == null) {
      return v;
    }
    if (type.equals("BOOLEAN")) {
      return Boolean.valueOf(v);
    }
    if (NUMBER.matcher(type).matches()) {
      try {
        return new BigDecimal(v);
      } catch (NumberFormatException e) {
        return v; // inf, nan
      }
    }
    return v;
  }
}
