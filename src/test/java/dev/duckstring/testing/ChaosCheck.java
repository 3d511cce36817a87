package dev.duckstring.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.EventFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The verifier behind {@code scripts/chaos.sh}: reads a Catchment root (with no daemon running) and
 * reports torn or rewritten generations, and lost or doubly consumed signals.
 *
 * <pre>
 * ChaosCheck generations ROOT INODES_FILE [pond=ripple,ripple ...]
 * ChaosCheck signals ROOT DROPPED_FILE
 * </pre>
 *
 * Each mode prints one line per problem, then a last line {@code result key=value ...} that the
 * script parses. The exit code is 0 when the check ran (problems or not) and 2 on bad usage.
 */
public final class ChaosCheck {
  private ChaosCheck() {}

  /** Runs one check; see the class comment. */
  public static void main(String[] args) throws Exception {
    if (args.length >= 3 && args[0].equals("generations")) {
      Map<String, List<String>> expected = new HashMap<>();
      for (int i = 3; i < args.length; i++) {
        String[] kv = args[i].split("=", 2);
        expected.put(kv[0], kv.length < 2 ? List.of() : List.of(kv[1].split(",")));
      }
      System.out.println(generations(Path.of(args[1]), Path.of(args[2]), expected, System.out));
    } else if (args.length == 3 && args[0].equals("signals")) {
      System.out.println(signals(Path.of(args[1]), Path.of(args[2]), System.out));
    } else {
      System.err.println(
          "usage: ChaosCheck generations ROOT INODES_FILE [pond=r1,r2 ...] | signals ROOT DROPPED_FILE");
      System.exit(2);
    }
  }

  /**
   * Every {@code data/CURRENT} must name a complete generation: the directory exists, holds each
   * expected Ripple, every Parquet file reads in DuckDB, and a {@code count.txt} Ripple holds that
   * many non-empty files under {@code files/}. A generation directory, once seen named by CURRENT,
   * must keep its inode while it exists: a publish never deletes and recreates it.
   */
  static String generations(
      Path root, Path inodesFile, Map<String, List<String>> expected, PrintStream out)
      throws IOException, SQLException {
    Map<String, Long> seen = readInodes(inodesFile);
    int lines = 0;
    int torn = 0;
    int rewritten = 0;
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      for (Path data : lineDataDirs(root)) {
        lines++;
        String line = root.relativize(data.getParent()).toString();
        Path current = data.resolve("CURRENT");
        String currentName = null;
        if (Files.exists(current)) {
          currentName = Files.readString(current, StandardCharsets.UTF_8).trim();
          String problem = checkCurrent(db, data, current, expected, pondOf(root, data));
          if (problem != null) {
            torn++;
            out.println("torn: " + line + ": " + problem);
          }
        }
        try (Stream<Path> gens = Files.list(data)) {
          for (Path gen : gens.filter(Files::isDirectory).sorted().toList()) {
            String name = gen.getFileName().toString();
            if (name.startsWith(".")) {
              continue;
            }
            String key = root.relativize(gen).toString();
            Long ino = inode(gen);
            Long before = seen.get(key);
            if (name.equals(currentName) && before == null && ino != null) {
              seen.put(key, ino); // published: from now on it must keep this directory
            }
            if (before != null && ino != null && !before.equals(ino)) {
              rewritten++;
              out.println(
                  "rewritten: "
                      + key
                      + ": the directory was replaced (inode "
                      + before
                      + " -> "
                      + ino
                      + ")");
            }
          }
        }
      }
    }
    writeInodes(inodesFile, seen);
    return "result lines=" + lines + " torn=" + torn + " rewritten=" + rewritten;
  }

  private static String checkCurrent(
      Connection db, Path data, Path current, Map<String, List<String>> expected, String pond)
      throws IOException {
    String name = Files.readString(current, StandardCharsets.UTF_8).trim();
    if (name.isEmpty()) {
      return "CURRENT is empty";
    }
    Path gen = data.resolve(name);
    if (!Files.isDirectory(gen)) {
      return "CURRENT names " + name + ", which is not a directory";
    }
    for (String ripple : expected.getOrDefault(pond, List.of())) {
      if (!Files.isDirectory(gen.resolve(ripple))) {
        return "generation " + name + " has no Ripple " + ripple;
      }
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(gen)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      String fn = f.getFileName().toString();
      if (fn.endsWith(".parquet")) {
        String problem = readParquet(db, f);
        if (problem != null) {
          return data.relativize(f) + ": " + problem;
        }
      } else if (fn.equals("count.txt")) {
        String problem = checkCount(f);
        if (problem != null) {
          return data.relativize(f) + ": " + problem;
        }
      }
    }
    return null;
  }

  private static String readParquet(Connection db, Path f) {
    try (PreparedStatement st = db.prepareStatement("SELECT count(*) FROM read_parquet(?)")) {
      st.setString(1, f.toString());
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return null;
      }
    } catch (SQLException e) {
      return "unreadable: " + e.getMessage().lines().findFirst().orElse("");
    }
  }

  private static String checkCount(Path countFile) throws IOException {
    int want;
    try {
      want = Integer.parseInt(Files.readString(countFile, StandardCharsets.UTF_8).trim());
    } catch (NumberFormatException e) {
      return "not a number";
    }
    Path dir = countFile.resolveSibling("files");
    if (!Files.isDirectory(dir)) {
      return "no files/ directory";
    }
    int have = 0;
    try (Stream<Path> list = Files.list(dir)) {
      for (Path p : list.toList()) {
        if (Files.size(p) == 0) {
          return "empty file " + p.getFileName();
        }
        have++;
      }
    }
    return have == want ? null : "files/ holds " + have + " files, count.txt says " + want;
  }

  /**
   * Every dropped signal ({@code pond name} per line of DROPPED_FILE) must have been claimed once:
   * journaled in events.log (or a rotated events.log.N) as {@code signal} events that all carry one
   * {@code claimed_at} to the millisecond (a re-application after a crash keeps the claim time), or
   * still be waiting in {@code signals/} or {@code signals/claimed/}.
   */
  static String signals(Path root, Path droppedFile, PrintStream out) throws IOException {
    Map<String, Set<String>> claims = new HashMap<>();
    Map<String, Integer> rejected = new HashMap<>();
    int garbled = 0;
    // events.log.<n> ... events.log.1, events.log: a signal journaled before a rotation counts too.
    List<String> events = new EventFiles(new CatchmentLayout(root)).lines();
    for (String raw : events) {
      if (raw.isBlank()) {
        continue;
      }
      JsonObject o;
      try {
        JsonElement e = JsonParser.parseString(raw);
        o = e.getAsJsonObject();
      } catch (RuntimeException e) {
        garbled++;
        out.println("garbled events.log line: " + abbreviate(raw));
        continue;
      }
      String kind = str(o, "event");
      if ("signal".equals(kind)) {
        String line = str(o, "line");
        String pond = line == null ? "" : line.split("@", 2)[0];
        claims
            .computeIfAbsent(pond + " " + str(o, "file"), k -> new TreeSet<>())
            .add(millis(str(o, "claimed_at")));
      } else if ("signal_rejected".equals(kind)) {
        rejected.merge(str(o, "pond") + " " + str(o, "file"), 1, Integer::sum);
      }
    }
    Map<String, Integer> dropped = new LinkedHashMap<>();
    for (String d : Files.readAllLines(droppedFile, StandardCharsets.UTF_8)) {
      if (!d.isBlank()) {
        dropped.merge(d.trim(), 1, Integer::sum);
      }
    }
    int consumed = 0;
    int pending = 0;
    int lost = 0;
    int doubled = 0;
    int rejectedCount = 0;
    int reused = 0;
    for (Map.Entry<String, Integer> e : dropped.entrySet()) {
      String key = e.getKey();
      String[] pn = key.split(" ", 2);
      if (e.getValue() > 1) {
        reused++;
        out.println("dropped twice under one name (a bug in the writer): " + key);
      }
      Set<String> at = claims.get(key);
      if (rejected.containsKey(key)) {
        rejectedCount++;
        out.println("rejected: " + key);
      } else if (at != null) {
        consumed++;
        if (at.size() > 1) {
          doubled++;
          out.println("claimed more than once: " + key + " at " + at);
        }
      } else if (isPending(root, pn[0], pn[1])) {
        pending++;
        out.println("pending: " + key);
      } else {
        lost++;
        out.println("lost: " + key + " (never journaled, not in signals/ or signals/claimed/)");
      }
    }
    return ("result dropped="
        + dropped.size()
        + " consumed="
        + consumed
        + " pending="
        + pending
        + " lost="
        + lost
        + " double="
        + doubled
        + " rejected="
        + rejectedCount
        + " garbled="
        + garbled
        + " reused="
        + reused);
  }

  /**
   * A claim time to the millisecond: a re-application after a crash reads the claim time back from
   * the claimed file's name, which keeps milliseconds only (decision 5).
   */
  private static String millis(String instant) {
    try {
      return Instant.parse(instant).truncatedTo(ChronoUnit.MILLIS).toString();
    } catch (RuntimeException e) {
      return String.valueOf(instant);
    }
  }

  private static boolean isPending(Path root, String pond, String name) throws IOException {
    Path signals = root.resolve("ponds").resolve(pond).resolve("signals");
    if (Files.exists(signals.resolve(name))) {
      return true;
    }
    Path claimed = signals.resolve("claimed");
    if (!Files.isDirectory(claimed)) {
      return false;
    }
    try (Stream<Path> list = Files.list(claimed)) {
      return list.anyMatch(p -> p.getFileName().toString().endsWith("-" + name));
    }
  }

  private static List<Path> lineDataDirs(Path root) throws IOException {
    Path ponds = root.resolve("ponds");
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(ponds)) {
      return out;
    }
    try (Stream<Path> ps = Files.list(ponds)) {
      for (Path pond : ps.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> ms = Files.list(pond)) {
          for (Path m : ms.sorted().toList()) {
            String n = m.getFileName().toString();
            if (n.matches("m[0-9]+") && Files.isDirectory(m.resolve("data"))) {
              out.add(m.resolve("data"));
            }
          }
        }
      }
    }
    return out;
  }

  private static String pondOf(Path root, Path data) {
    return root.resolve("ponds").relativize(data).getName(0).toString();
  }

  private static Long inode(Path p) {
    try {
      Object ino = Files.getAttribute(p, "unix:ino");
      return ino instanceof Long l ? l : null;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, Long> readInodes(Path file) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    if (Files.exists(file)) {
      for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] kv = l.split(" ", 2);
        if (kv.length == 2) {
          out.put(kv[1], Long.parseLong(kv[0]));
        }
      }
    }
    return out;
  }

  private static void writeInodes(Path file, Map<String, Long> inodes) throws IOException {
    StringBuilder sb = new StringBuilder();
    new TreeMap<>(inodes)
        .forEach(
            (k, v) -> {
              if (v != null) {
                sb.append(v).append(' ').append(k).append('\n');
              }
            });
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  private static String str(JsonObject o, String key) {
    JsonElement e = o.get(key);
    return e == null || e.isJsonNull() ? null : e.getAsString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 120) + "...";
  }
}
