package dev.duckstring.runner;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Trees;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.SparkSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code pond run}: a Pond project's Ripples run in dependency order over its puddles, by the
 * daemon's runners, with no Catchment. Sources are {@code puddles/<source>}; own tables are the
 * outputs in {@code puddles/out/<ripple>}; a Ripple's previous output (its self-read) is its output
 * of the last local run, else the hydrated {@code puddles/<pond>/<ripple>.parquet}. Nothing is
 * written outside {@code puddles/} (decision 50).
 */
public final class LocalRun {
  /** The directory under {@code puddles/} that holds the outputs of local runs. */
  public static final String OUT = "out";

  /** A previous output moved aside while its Ripple runs: {@code .tmp-<ripple>-previous.<id>}. */
  private static final Pattern ASIDE =
      Pattern.compile(
          Pattern.quote(AtomicFiles.TEMP_PREFIX) + "([a-z][a-z0-9_]*)-previous\\.[^.]+");

  private final Path project;
  private final PondManifest manifest;
  private final Path puddles;
  private final SqlRippleRunner sql;
  private final CommandRippleRunner commands = new CommandRippleRunner();

  /** One Ripple that ran: {@code rows} is null for a command Ripple. */
  public record Ran(String ripple, String kind, Long rows, long bytes, Duration took) {}

  /** A Ripple failed with the daemon's one-line error; {@code ran} are the ones before it. */
  public static final class Failed extends DuckstringException {
    private static final long serialVersionUID = 1L;

    private final String ripple;
    private final transient List<Ran> ran;

    Failed(String ripple, String error, List<Ran> ran, Throwable cause) {
      super("ripple '" + ripple + "' failed: " + error, cause);
      this.ripple = ripple;
      this.ran = List.copyOf(ran);
    }

    public String ripple() {
      return ripple;
    }

    public List<Ran> ran() {
      return ran;
    }
  }

  /** A run of the project at {@code project} (its manifest read) over {@code project/puddles}. */
  public LocalRun(Path project, PondManifest manifest) {
    this.project = project;
    this.manifest = manifest;
    this.puddles = Puddles.of(project);
    // DuckDB spills inside puddles/, never into the project's working directory.
    this.sql =
        new SqlRippleRunner(
            DuckDbOptions.defaults().withTempDirectory(puddles.resolve(".tmp-duckdb")));
  }

  /**
   * The Source puddles the Ripples read, by Source; a required Source without a puddle is a
   * one-line error naming it and the command that fixes it; {@code note} hears of optional ones
   * skipped.
   */
  public Map<String, Path> sources(Consumer<String> note) {
    return Puddles.sources(manifest, puddles, note);
  }

  /**
   * Runs {@code wanted} and its ancestors (every Ripple when null) at freshness {@code f}, reading
   * {@code sources}; {@code each} hears of every Ripple as it ends. Throws {@link Failed} at the
   * first failure, leaving the Ripple's previous output in place.
   */
  public List<Ran> run(String wanted, Instant f, Map<String, Path> sources, Consumer<Ran> each) {
    Map<String, List<String>> parents =
        new RippleParents().of(project, manifest, manifest.line().toString());
    Path out = puddles.resolve(OUT);
    recover(out);
    Map<String, Path> own = new LinkedHashMap<>();
    for (String r : parents.keySet()) {
      if (Files.isDirectory(out.resolve(r))) {
        own.put(r, out.resolve(r)); // the latest output of each Ripple, as the daemon's own tables
      }
    }
    List<Ran> ran = new ArrayList<>();
    for (String r : RippleParents.order(parents, wanted)) {
      RippleSpec spec = spec(r);
      long start = System.nanoTime();
      Ran done;
      try {
        done = one(spec, f, sources, own, out, start);
      } catch (RuntimeException e) {
        // the daemon's words: a runner's one-line message, else the exception itself
        String error = e instanceof DuckstringException ? e.getMessage() : e.toString();
        throw new Failed(r, oneLine(error), ran, e);
      }
      own.put(r, out.resolve(r));
      ran.add(done);
      each.accept(done);
    }
    return ran;
  }

  private Ran one(
      RippleSpec spec,
      Instant f,
      Map<String, Path> sources,
      Map<String, Path> own,
      Path out,
      long start) {
    String r = spec.name();
    Path target = out.resolve(r);
    Path partial = out.resolve(AtomicFiles.tempName(r));
    Path aside = null;
    Path hydrated = null;
    Map<String, Path> tables = new LinkedHashMap<>(own);
    tables.remove(r);
    try {
      Files.createDirectories(partial);
      if (Files.isDirectory(target)) {
        aside = out.resolve(AtomicFiles.tempName(r + "-previous"));
        AtomicFiles.move(target, aside); // kept aside: the self-read reads it
        tables.put(r, aside);
      } else {
        hydrated = selfPuddle(r, out);
        if (hydrated != null) {
          tables.put(r, hydrated);
        }
      }
      Long rows = null;
      long bytes;
      if (spec.isSql()) {
        String text = Files.readString(project.resolve(spec.sql()));
        SqlRipple ripple = new SqlRipple(r, text, sources, tables, partial, spec.timeout());
        SqlRippleResult res = spec.onSpark() ? spark(ripple, out) : sql.run(ripple);
        rows = res.rows();
        bytes = res.bytes();
      } else {
        Path log = out.resolve(r + ".log");
        Files.deleteIfExists(log);
        bytes =
            commands
                .run(
                    CommandRipple.of(
                        manifest.name(),
                        spec,
                        project,
                        f,
                        sources,
                        tables,
                        partial,
                        log,
                        spec.timeout()))
                .bytes();
      }
      AtomicFiles.move(partial, target);
      if (aside != null) {
        Trees.delete(aside);
        aside = null;
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      return new Ran(r, spec.isSql() ? "sql" : "command", rows, bytes, took);
    } catch (IOException e) {
      throw new RippleFailure(r, "cannot write " + target + ": " + e.getMessage(), e);
    } finally {
      quietly(partial);
      quietly(hydrated);
      if (aside != null && !Files.exists(target)) {
        try {
          AtomicFiles.move(aside, target); // failed: the previous output stays the latest
        } catch (IOException e) {
          // left under its temporary name; the next run of the Ripple finds no previous output
        }
      }
    }
  }

  /**
   * What an interrupted run left in {@code out}: a previous output still moved aside goes back to
   * {@code out/<ripple>} when nothing took its place; every other temporary is deleted.
   */
  private static void recover(Path out) {
    if (!Files.isDirectory(out)) {
      return;
    }
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : s.sorted().toList()) {
        String name = p.getFileName().toString();
        if (!AtomicFiles.isTemporary(name)) {
          continue;
        }
        Matcher m = ASIDE.matcher(name);
        Path back = m.matches() ? out.resolve(m.group(1)) : null;
        if (back != null && Files.isDirectory(p) && !Files.exists(back)) {
          AtomicFiles.move(p, back);
        } else {
          Trees.delete(p);
        }
      }
    } catch (IOException e) {
      throw new DuckstringException("cannot clean " + out + ": " + e.getMessage(), e);
    }
  }

  /**
   * A temporary directory under {@code out} holding a link to the hydrated copy of this Pond's own
   * published {@code <ripple>.parquet}, or null when there is none.
   */
  private Path selfPuddle(String ripple, Path out) throws IOException {
    Path file = puddles.resolve(manifest.name()).resolve(ripple + ".parquet");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Path dir = out.resolve(AtomicFiles.tempName(ripple + "-hydrated"));
    Files.createDirectories(dir);
    try {
      Files.createLink(dir.resolve(ripple + ".parquet"), file);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(file, dir.resolve(ripple + ".parquet"));
    }
    return dir;
  }

  private RippleSpec spec(String ripple) {
    return manifest.ripples().stream()
        .filter(s -> s.name().equals(ripple))
        .findFirst()
        .orElseThrow(() -> new DuckstringException("ripple '" + ripple + "' is not declared"));
  }

  private static String oneLine(String s) {
    return s == null ? "unknown error" : s.replaceAll("\\s*\\n\\s*", " ").strip();
  }

  private static void quietly(Path dir) {
    if (dir == null) {
      return;
    }
    try {
      Trees.delete(dir);
    } catch (IOException e) {
      // a temporary is never read; the next run writes new ones
    }
  }

  /**
   * A Spark Ripple on Spark {@code local[2]} in a child JVM (decision 56), its log beside the
   * outputs; without 'make spark', one line naming it.
   */
  private static SqlRippleResult spark(SqlRipple ripple, Path out) {
    SparkLibs libs = SparkLibs.located();
    if (!libs.present()) {
      throw new RippleFailure(ripple.ripple(), "it runs on Spark: " + libs.missing());
    }
    return new SparkRippleRunner(libs, null)
        .run(
            ripple,
            SparkSettings.local("local[2]"),
            out.resolve(ripple.ripple() + ".log"),
            new Cancellation(),
            group -> {});
  }
}
