package dev.duckstring.bench;

import dev.duckstring.catchment.CatchmentLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Figure 5: wall time of {@code bin/duckstring pulse}, {@code status}, {@code query} (a 1M-row
 * table) and {@code --help}, each a fresh JVM process, against a hello-world JVM started the same
 * way (a sh script that execs java with the CLI's JIT flag) in the same run, and the classes each
 * loads. Also the same commands as a plain {@code java -cp} with DuckDB's stock jar, i.e. without
 * the class-data archive and the library extracted at build, to show what those save.
 */
final class CliLatency {
  private static final String QUERY = "SELECT count(*) AS n, sum(h) AS s FROM t";
  private final Env env;
  private final Report report;

  CliLatency(Env env, Report report) {
    this.env = env;
    this.report = report;
  }

  void run(int reps) throws Exception {
    Path base = env.dir("cli");
    Path work = Files.createDirectories(base.resolve("work"));
    Path tmp = Files.createDirectories(base.resolve("tmp"));
    CatchmentLayout layout =
        Daemons.create(base.resolve("root"), Daemons.config("cli", true, Duration.ofSeconds(2)));
    Ponds.deploy(
        layout,
        Ponds.write(
            base.resolve("big"),
            "pond.toml",
            Ponds.toml("big", "inlet", List.of(), ""),
            "src/t.sql",
            "SELECT range AS id, hash(range) % 1000 AS h FROM range(1000000)\n"));
    try (Daemons d = Daemons.start(env, layout, "cli")) {
      Ponds.drop(layout, "big", "pulse");
      Ponds.awaitRuns(layout, "big", 1, Duration.ofSeconds(120));
    } // the daemon is stopped: nothing else runs while the CLI is timed
    Path hello = helloWorld(base.resolve("hello"));
    String bin = env.checkout().resolve("bin/duckstring").toString();
    List<String> plain = plainJava(tmp);
    Map<String, List<String>> cmds = new LinkedHashMap<>();
    cmds.put("hello", List.of("sh", hello.resolve("hello.sh").toString()));
    cmds.put("pulse", List.of(bin, "pulse", "cli", "big"));
    cmds.put("status", List.of(bin, "status", "cli", "--all"));
    cmds.put("query", List.of(bin, "query", "cli", "big", "--sql", QUERY));
    cmds.put("--help", List.of(bin, "--help"));
    cmds.put("pulse --help", List.of(bin, "pulse", "--help"));
    cmds.put("status --help", List.of(bin, "status", "--help"));
    cmds.put("query --help", List.of(bin, "query", "--help"));
    cmds.put("plain pulse", concat(plain, "pulse", "cli", "big"));
    cmds.put("plain status", concat(plain, "status", "cli", "--all"));
    cmds.put("plain query", concat(plain, "query", "cli", "big", "--sql", QUERY));
    Map<String, String> vars = Map.of("DUCKSTRING_HOME", env.home().toString());
    String answer = Procs.ok(work, vars, cmds.get("query")).output();
    if (!answer.contains("1000000")) {
      throw new IllegalStateException("query did not see 1M rows: " + answer);
    }
    Map<String, List<Double>> times = new LinkedHashMap<>();
    cmds.keySet().forEach(k -> times.put(k, new ArrayList<>()));
    for (int i = 0; i < reps + 1; i++) { // round robin, so that noise spreads over every command
      for (var e : cmds.entrySet()) {
        double ms = Procs.ok(work, vars, e.getValue()).ms();
        if (i > 0) {
          times.get(e.getKey()).add(ms);
        }
      }
    }
    double floor = Procs.median(times.get("hello"));
    Map<String, Object> sz = Map.of("reps", reps);
    String same = "hello-world JVM started the same way, same run";
    report.add(Figure.of("5 CLI latency", "hello-world JVM (floor)", sz, floor, "ms"));
    for (String c : List.of("pulse", "status")) {
      report.add(
          Figure.of("5 CLI latency", c, sz, Procs.median(times.get(c)), "ms")
              .withFloor(floor, same)
              .withTarget("<= 2x hello", 2.0, true)
              .withNote(
                  "plain java -cp without the archive: "
                      + Report.num(Procs.median(times.get("plain " + c)))
                      + " ms"));
    }
    report.add(
        Figure.of("5 CLI latency", "query (1M rows)", sz, Procs.median(times.get("query")), "ms")
            .withFloor(floor, same)
            .withTarget("<= 300 ms", 300, false)
            .withNote(
                "plain java -cp with the stock DuckDB jar: "
                    + Report.num(Procs.median(times.get("plain query")))
                    + " ms"));
    for (String c : List.of("--help", "pulse --help", "status --help", "query --help")) {
      report.add(
          Figure.of("5 CLI latency", c, sz, Procs.median(times.get(c)), "ms")
              .withFloor(floor, same)
              .withTarget("<= 1.5x hello", 1.5, true));
    }
    for (String c : List.of("plain pulse", "plain status", "plain query")) {
      report.add(
          Figure.of("5 CLI latency", c + " (before)", sz, Procs.median(times.get(c)), "ms")
              .withFloor(floor, same)
              .withNote(
                  "java -cp jar:lib/* without AppCDS"
                      + (c.endsWith("query") ? ", stock DuckDB jar (extracts its library)" : "")));
    }
    classesLoaded(work, vars, cmds);
    Env.deleteTree(base);
  }

  /**
   * Classes each command loads, from {@code -Xlog:class+load} through the same launcher (so with
   * the archive): all of them, those not from the archive, and DuckDB's (0 wanted for pulse and
   * status). The hello-world JVM's count is the floor.
   */
  private void classesLoaded(Path work, Map<String, String> vars, Map<String, List<String>> cmds)
      throws IOException, InterruptedException {
    Map<String, Long[]> counts = new LinkedHashMap<>();
    for (String c :
        List.of(
            "hello",
            "pulse",
            "status",
            "query",
            "--help",
            "pulse --help",
            "status --help",
            "query --help")) {
      Map<String, String> v = new LinkedHashMap<>(vars);
      v.put("DUCKSTRING_JAVA_OPTS", "-Xlog:class+load=info:stdout");
      List<String> lines =
          Procs.ok(work, v, cmds.get(c))
              .output()
              .lines()
              .filter(l -> l.contains(" source: "))
              .toList();
      counts.put(
          c,
          new Long[] {
            (long) lines.size(),
            lines.stream().filter(l -> !l.contains("shared objects file")).count(),
            lines.stream().filter(l -> l.contains(" org.duckdb.")).count()
          });
    }
    double floor = counts.get("hello")[0];
    report.add(
        Figure.of("5 CLI latency", "hello: classes loaded (floor)", Map.of(), floor, "classes"));
    for (var e : counts.entrySet()) {
      if (e.getKey().equals("hello")) {
        continue;
      }
      Figure f =
          Figure.of(
                  "5 CLI latency",
                  e.getKey() + ": classes loaded",
                  Map.of(),
                  e.getValue()[0],
                  "classes")
              .withFloor(floor, "hello-world JVM")
              .withNote(
                  e.getValue()[1] + " not from the CDS archive, " + e.getValue()[2] + " DuckDB");
      report.add(f);
    }
    for (String c : List.of("pulse", "status", "--help", "pulse --help", "status --help")) {
      report.add(
          Figure.of(
                  "5 CLI latency",
                  c + ": DuckDB classes loaded",
                  Map.of(),
                  counts.get(c)[2],
                  "classes")
              .withTarget("0", 0, false));
    }
  }

  /** java -cp jar:lib/* as bin/duckstring ran before the archive, with DuckDB's stock jar. */
  private List<String> plainJava(Path tmp) throws IOException {
    StringBuilder cp = new StringBuilder(env.jar().toString());
    try (Stream<Path> s = Files.list(env.lib())) {
      for (Path p : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        Path stock = p.getFileName().toString().startsWith("duckdb_jdbc") ? stockDuckDb(p) : p;
        cp.append(':').append(stock);
      }
    }
    // The stock jar extracts its library to the temp dir at every start and, as the CLI halts,
    // never deletes it: keep those copies in the scratch directory.
    return new ArrayList<>(
        List.of(
            Env.javaBin(), "-Djava.io.tmpdir=" + tmp, "-cp", cp.toString(), "dev.duckstring.Main"));
  }

  /** The unmodified DuckDB jar from the local Maven repository, if the one in lib/ was slimmed. */
  private static Path stockDuckDb(Path inLib) {
    String name = inLib.getFileName().toString();
    String version = name.substring("duckdb_jdbc-".length(), name.length() - ".jar".length());
    Path m2 =
        Path.of(
            System.getProperty("user.home"),
            ".m2/repository/org/duckdb/duckdb_jdbc",
            version,
            name);
    return Files.isRegularFile(m2) ? m2 : inLib;
  }

  private static Path helloWorld(Path dir) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(
        dir.resolve("Hello.java"),
        "public class Hello { public static void main(String[] a) { System.out.println(\"hello\"); } }\n");
    Procs.ok(
        dir,
        Map.of(),
        List.of(Path.of(System.getProperty("java.home"), "bin", "javac").toString(), "Hello.java"));
    Files.writeString(
        dir.resolve("hello.sh"),
        "#!/bin/sh\nexec java -XX:TieredStopAtLevel=1 ${DUCKSTRING_JAVA_OPTS:-} -cp \""
            + dir
            + "\" Hello \"$@\"\n");
    return dir;
  }

  private static List<String> concat(List<String> a, String... b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(List.of(b));
    return out;
  }
}
