package dev.duckstring.manifest;

import dev.duckstring.model.Durations;
import dev.duckstring.model.SparkSettings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.tomlj.TomlTable;

/** catchment.toml's {@code [spark]}: where Spark Ripples run (decision 55), read and written. */
final class SparkSection {
  private static final Set<String> KEYS =
      Set.of(
          "master",
          "remote",
          "root_uri",
          "conf",
          "driver_memory",
          "java_options",
          "connect_timeout");
  private static final Pattern MASTER =
      Pattern.compile(
          "local(\\[([1-9][0-9]*|\\*)(,[0-9]+)?\\])?|local-cluster\\[[0-9]+,[0-9]+,[0-9]+\\]"
              + "|spark://\\S+|yarn|k8s://\\S+");

  /** Spark settings that [spark] sets by its own keys, so [spark.conf] may not set them. */
  private static final Map<String, String> OWN =
      Map.of(
          "spark.master", "master",
          "spark.remote", "remote",
          "spark.driver.memory", "driver_memory",
          "spark.driver.extraJavaOptions", "java_options");

  private SparkSection() {}

  /** The {@code [spark]} section of {@code root}, or null when there is none (or it is bad). */
  static SparkSettings read(TomlDoc doc, TomlTable root) {
    TomlTable t = doc.table(root, "", "spark");
    if (t == null) {
      return null;
    }
    int before = doc.diagnostics().size();
    doc.rejectUnknownKeys(t, "spark.", KEYS);
    String master = doc.string(t, "spark.", "master");
    String remote = doc.string(t, "spark.", "remote");
    if (master != null && remote != null) {
      doc.error(
          t,
          "remote",
          "[spark] sets both 'master' and 'remote'; keep one (master: a Spark driver on this"
              + " machine; remote: a Spark Connect endpoint)");
    } else if (master == null && remote == null && !t.contains("master") && !t.contains("remote")) {
      doc.error(
          root,
          "spark",
          "[spark] needs 'master' (e.g. \"local[2]\", \"spark://host:7077\") or 'remote' (e.g."
              + " \"sc://host:15002\")");
    }
    if (master != null && !MASTER.matcher(master).matches()) {
      doc.error(
          t,
          "master",
          "'spark.master' = "
              + TomlDoc.quote(master)
              + " is not a Spark master (local[N], local[*], spark://host:7077, yarn, k8s://...)");
    }
    if (remote != null && SparkSettings.remoteProblem(remote) != null) {
      doc.error(t, "remote", "'spark.remote' " + SparkSettings.remoteProblem(remote));
    }
    String rootUri = doc.string(t, "spark.", "root_uri");
    if (rootUri != null && !isUri(rootUri)) {
      doc.error(
          t,
          "root_uri",
          "'spark.root_uri' = "
              + TomlDoc.quote(rootUri)
              + " is not an absolute URI (e.g. \"file:///mnt/lake/catchment\","
              + " \"hdfs://namenode:8020/lake/catchment\")");
    }
    String memory = doc.string(t, "spark.", "driver_memory");
    if (memory != null && SparkSettings.memoryProblem(memory) != null) {
      doc.error(t, "driver_memory", "'spark.driver_memory' " + SparkSettings.memoryProblem(memory));
    }
    List<String> options = doc.strings(t, "spark.", "java_options");
    Duration timeout = doc.duration(t, "spark.", "connect_timeout");
    if (timeout != null && master != null) {
      doc.error(
          t,
          "connect_timeout",
          "'spark.connect_timeout' is for 'remote' (a Spark Connect endpoint); with 'master' it"
              + " has no effect: remove it");
    }
    Map<String, String> conf = new TreeMap<>();
    TomlTable confTable = doc.table(t, "spark.", "conf");
    if (confTable != null) {
      readConf(doc, confTable, "", conf);
    }
    if (doc.diagnostics().size() > before) {
      return null;
    }
    return new SparkSettings(master, remote, conf, rootUri, memory, options, timeout);
  }

  /** Flattens {@code table} into {@code out}: quoted or dotted keys, values as strings. */
  private static void readConf(
      TomlDoc doc, TomlTable table, String prefix, Map<String, String> out) {
    for (String key : table.keySet()) {
      String name = prefix + key;
      Object v = table.get(List.of(key));
      if (v instanceof TomlTable nested) {
        readConf(doc, nested, name + ".", out);
      } else if (OWN.containsKey(name)) {
        doc.error(
            table,
            "\"" + key + "\"",
            "'spark.conf.\""
                + name
                + "\"' is set by [spark] "
                + OWN.get(name)
                + "; set that instead");
      } else if (v instanceof String || v instanceof Long || v instanceof Boolean) {
        out.put(name, v.toString());
      } else if (v instanceof Double d) {
        out.put(name, d.toString());
      } else {
        doc.error(
            table,
            "\"" + key + "\"",
            "'spark.conf.\"" + name + "\"' must be a string, a number or true/false");
      }
    }
  }

  private static boolean isUri(String text) {
    try {
      URI u = new URI(text);
      return u.isAbsolute() && !u.isOpaque();
    } catch (URISyntaxException e) {
      return false;
    }
  }

  /** The section as catchment.toml writes it: commented out as an example when null. */
  static String toToml(SparkSettings s) {
    StringBuilder b = new StringBuilder();
    b.append("# Spark Ripples (engine = \"spark\" in pond.toml) run where [spark] says (decision")
        .append(" 55,\n# docs/scale-out.md): 'master' starts a Spark driver on this machine per")
        .append(
            " run;\n# 'remote' uses a Spark Connect endpoint instead. Exactly one of the two.\n");
    if (s == null) {
      b.append("# [spark]\n");
      example(b, "master = \"local[2]\"", "or \"spark://host:7077\", \"yarn\", \"k8s://...\"");
      example(b, "remote = \"sc://host:15002\"", "Spark Connect, instead of master");
      example(b, "root_uri = \"file:///mnt/lake/catchment\"", "the root as Spark sees it");
      example(b, "driver_memory = \"1g\"", "the child JVM's heap");
      example(b, "java_options = []", "extra flags for the child JVM");
      example(b, "connect_timeout = \"30s\"", "remote only");
      return b.append("# [spark.conf]\n# \"spark.sql.shuffle.partitions\" = 8\n").toString();
    }
    b.append("[spark]\n");
    if (s.connect()) {
      b.append("remote = ").append(TomlDoc.quote(s.remote())).append('\n');
    } else {
      b.append("master = ").append(TomlDoc.quote(s.master())).append('\n');
    }
    if (s.rootUri() != null) {
      b.append("root_uri = ").append(TomlDoc.quote(s.rootUri())).append('\n');
    }
    b.append(s.driverMemory().equals(SparkSettings.DEFAULT_DRIVER_MEMORY) ? "# " : "")
        .append("driver_memory = ")
        .append(TomlDoc.quote(s.driverMemory()))
        .append('\n');
    b.append(s.javaOptions().isEmpty() ? "# " : "").append("java_options = [");
    b.append(String.join(", ", s.javaOptions().stream().map(TomlDoc::quote).toList()));
    b.append("]\n");
    if (s.connect()) {
      b.append(s.connectTimeout().equals(SparkSettings.DEFAULT_CONNECT_TIMEOUT) ? "# " : "")
          .append("connect_timeout = ")
          .append(TomlDoc.quote(Durations.compact(s.connectTimeout())))
          .append('\n');
    }
    if (!s.conf().isEmpty()) {
      b.append("[spark.conf]\n");
      new TreeMap<>(s.conf())
          .forEach(
              (k, v) ->
                  b.append(TomlDoc.quote(k)).append(" = ").append(TomlDoc.quote(v)).append('\n'));
    }
    return b.toString();
  }

  private static void example(StringBuilder b, String line, String comment) {
    b.append(String.format("# %-39s # %s\n", line, comment));
  }
}
