package dev.duckstring.cli;

import dev.duckstring.manifest.Registrations;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import dev.duckstring.model.PondPin;
import dev.duckstring.runner.CatalogErrors;
import dev.duckstring.runner.ExportFormat;
import dev.duckstring.runner.QueryOptions;
import dev.duckstring.runner.QueryResult;
import dev.duckstring.runner.QueryService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/**
 * {@code query}: DuckDB SQL over a Pond's published tables (bare names), printed as a table or
 * written to CSV, JSON or Parquet. Runs on a fresh in-memory DuckDB: never the daemon's files.
 */
final class QueryCommand extends BaseCommand {
  /** Rows printed at most; more means "use a file". */
  static final int PRINT_LIMIT = 1000;

  private final OptionSpec<String> sql =
      parser
          .accepts("sql", "the SQL, or @file to read it from a file")
          .withRequiredArg()
          .describedAs("SQL|@FILE");
  private final OptionSpec<String> csv =
      parser
          .accepts("csv", "write CSV (with a header) to this file")
          .withRequiredArg()
          .describedAs("FILE");
  private final OptionSpec<String> json =
      parser
          .accepts("json", "write a JSON array of records to this file")
          .withRequiredArg()
          .describedAs("FILE");
  private final OptionSpec<String> parquet =
      parser.accepts("parquet", "write Parquet to this file").withRequiredArg().describedAs("FILE");
  private final OptionSpec<String> path =
      parser
          .accepts("path", "folder for the output file (default ./ponds/POND[/RIPPLE])")
          .withRequiredArg()
          .describedAs("DIR");
  private final OptionSpec<String> version =
      parser
          .accepts("version", "read this major (1), or the version (1.2.0) that made its data")
          .withRequiredArg()
          .describedAs("V");

  @Override
  public String name() {
    return "query";
  }

  @Override
  public String summary() {
    return "Run DuckDB SQL over a Pond's published tables; without --sql, SELECT * FROM RIPPLE LIMIT 10.";
  }

  @Override
  public String usage() {
    return "duckstring query CATCHMENT POND[@PIN] [RIPPLE] [--sql SQL|@FILE] [--csv F | --json F | --parquet F]"
        + " [--path DIR] [--version V]";
  }

  @Override
  int execute(OptionSet options, List<String> args, Env env) throws IOException {
    expect(args, 2, 3, "CATCHMENT POND [RIPPLE]");
    PondPin pin = PondPin.parse(args.get(1)).withVersion(options.valueOf(version));
    String pond = pin.pond();
    String ripple = args.size() == 3 ? Names.check("ripple", args.get(2)) : null;
    if (ripple == null && !options.has(sql)) {
      throw new UsageException("give a RIPPLE to look at, or --sql");
    }
    ExportFormat format = null;
    String file = null;
    int outputs = 0;
    for (var o : List.of(csv, json, parquet)) {
      if (options.has(o)) {
        outputs++;
        file = options.valueOf(o);
        format = o == csv ? ExportFormat.CSV : o == json ? ExportFormat.JSON : ExportFormat.PARQUET;
      }
    }
    if (outputs > 1) {
      throw new UsageException("choose one of --csv, --json and --parquet");
    }
    if (options.has(path) && file == null) {
      throw new UsageException(
          "--path sets the folder of an output file: add --csv, --json or --parquet");
    }
    String query = options.has(sql) ? sqlText(env, options.valueOf(sql)) : null;
    Registrations.Entry remote = Catchments.entry(env, args.get(0));
    if (remote.isRemote()) {
      Path folder = file == null ? null : folder(options, env, pond, ripple);
      return RemoteQuery.run(
          env,
          remote,
          pond,
          pin.pin(),
          ripple,
          query,
          format,
          folder == null ? null : folder.resolve(file).normalize());
    }
    if (ripple != null) {
      Path dir = ReadSide.ripple(env, args.get(0), pin, ripple); // names a bad ripple
      if (query == null) {
        String files = CatalogErrors.filesInstead(ripple, dir).orElse(null);
        if (files != null) {
          throw new DuckstringException(
              "ripple '"
                  + ripple
                  + "' of "
                  + pond
                  + " publishes files, not a table: "
                  + files
                  + "; copy them with 'duckstring get "
                  + args.get(0)
                  + " "
                  + pond
                  + " "
                  + ripple
                  + "'");
        }
      }
    }
    ReadSide.Scoped scoped = ReadSide.scope(env, args.get(0), pin, query);
    String text = query != null ? scoped.sql() : "SELECT * FROM " + ripple;
    QueryService service = new QueryService(QueryOptions.trusted());
    if (file != null) {
      Path target = folder(options, env, pond, ripple).resolve(file).normalize();
      long rows = service.export(scoped.scope(), text, format, target);
      env.out().println("wrote " + rows + " row(s) to " + GetCommand.display(env, target));
      return 0;
    }
    int limit = query == null ? 10 : PRINT_LIMIT;
    QueryResult r = service.query(scoped.scope(), text, limit);
    TextTable.print(env.out(), r.columns(), r.rows());
    if (r.truncated() && query != null) {
      env.err()
          .println(
              "(showing the first "
                  + PRINT_LIMIT
                  + " rows; write them all with --csv, --json or --parquet)");
    }
    return 0;
  }

  private Path folder(OptionSet options, Env env, String pond, String ripple) {
    return options.has(path)
        ? env.resolve(options.valueOf(path))
        : env.cwd().resolve("ponds").resolve(pond).resolve(ripple == null ? "" : ripple);
  }

  private static String sqlText(Env env, String value) throws IOException {
    if (!value.startsWith("@")) {
      return value;
    }
    Path f = env.resolve(value.substring(1));
    if (!Files.isRegularFile(f)) {
      throw new DuckstringException("--sql " + value + ": no such file " + f);
    }
    return Files.readString(f);
  }
}
