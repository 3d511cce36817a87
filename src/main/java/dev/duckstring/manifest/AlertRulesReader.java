package dev.duckstring.manifest;

import dev.duckstring.model.AlertConfig;
import dev.duckstring.model.AlertEvent;
import dev.duckstring.model.AlertRule;
import dev.duckstring.model.Durations;
import dev.duckstring.model.Names;
import dev.duckstring.model.Suggest;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * Reads catchment.toml's {@code [[alerts]]} rules and {@code default_sla} strictly: every problem
 * is one diagnostic at the key's (or the rule's) line and column.
 */
final class AlertRulesReader {
  private static final Set<String> RULE =
      Set.of("on", "command", "url", "renotify", "timeout", "retries", "ponds");
  private static final Set<String> EVENTS =
      Arrays.stream(AlertEvent.values()).map(AlertEvent::word).collect(Collectors.toSet());
  private static final int MAX_RETRIES = 100;

  private AlertRulesReader() {}

  /** The alert part of {@code root}; problems go to {@code doc}. */
  static AlertConfig read(TomlDoc doc, TomlTable root) {
    Duration sla = doc.duration(root, "", "default_sla");
    Object v = root.get("alerts");
    if (v == null) {
      return new AlertConfig(List.of(), sla);
    }
    if (!(v instanceof TomlArray a) || (!a.isEmpty() && !(a.get(0) instanceof TomlTable))) {
      doc.error(root, "alerts", "'alerts' must be [[alerts]] tables");
      return new AlertConfig(List.of(), sla);
    }
    List<AlertRule> rules = new ArrayList<>();
    for (int i = 0; i < a.size(); i++) {
      AlertRule r = rule(doc, a, i);
      if (r != null) {
        rules.add(r);
      }
    }
    return new AlertConfig(rules, sla);
  }

  private static AlertRule rule(TomlDoc doc, TomlArray array, int i) {
    String prefix = "alerts[" + (i + 1) + "].";
    if (!(array.get(i) instanceof TomlTable t)) {
      doc.errorAt(array.inputPositionOf(i), "'alerts' must be [[alerts]] tables");
      return null;
    }
    int before = doc.diagnostics().size();
    doc.rejectUnknownKeys(t, prefix, RULE);
    Set<AlertEvent> on = events(doc, t, prefix, array, i);
    List<String> command = doc.strings(t, prefix, "command");
    String url = doc.string(t, prefix, "url");
    if (command != null && url != null) {
      doc.error(t, "url", "alert rule " + (i + 1) + " has both 'command' and 'url'; keep one");
    } else if (command == null && url == null && !t.contains("command") && !t.contains("url")) {
      doc.errorAt(
          array.inputPositionOf(i),
          "alert rule " + (i + 1) + " has neither 'command' nor 'url' (where should it go?)");
    }
    if (command != null && command.isEmpty()) {
      doc.error(t, "command", "'" + prefix + "command' must name a program");
    }
    if (url != null) {
      checkUrl(doc, t, prefix, url);
    }
    Duration renotify = renotify(doc, t, prefix);
    Duration timeout = doc.duration(t, prefix, "timeout");
    Long retries = doc.integer(t, prefix, "retries");
    if (retries != null && (retries < 0 || retries > MAX_RETRIES)) {
      doc.error(
          t,
          "retries",
          "'" + prefix + "retries' = " + retries + " must be a whole number 0 to " + MAX_RETRIES);
    }
    List<String> ponds = doc.strings(t, prefix, "ponds");
    if (ponds != null) {
      for (String p : ponds) {
        if (!Names.isValid(p)) {
          doc.error(t, "ponds", "'" + prefix + "ponds' names '" + p + "', not a valid Pond name");
        }
      }
    }
    if (doc.diagnostics().size() > before || on == null) {
      return null;
    }
    return new AlertRule(
        on,
        command == null ? List.of() : command,
        url,
        renotify == null ? AlertRule.DEFAULT_RENOTIFY : renotify,
        timeout == null ? AlertRule.DEFAULT_TIMEOUT : timeout,
        retries == null ? AlertRule.DEFAULT_RETRIES : retries.intValue(),
        ponds == null ? List.of() : ponds);
  }

  private static Set<AlertEvent> events(
      TomlDoc doc, TomlTable t, String prefix, TomlArray array, int i) {
    if (!t.contains("on")) {
      doc.errorAt(
          array.inputPositionOf(i),
          "alert rule "
              + (i + 1)
              + " has no 'on' (any of failed, killed, blocked, recovered, stale)");
      return null;
    }
    if (!(t.get("on") instanceof TomlArray words) || words.isEmpty()) {
      doc.error(
          t,
          "on",
          "'"
              + prefix
              + "on' must be a list of events (any of failed, killed, blocked, recovered,"
              + " stale)");
      return null;
    }
    Set<AlertEvent> out = EnumSet.noneOf(AlertEvent.class);
    boolean ok = true;
    for (int w = 0; w < words.size(); w++) {
      Object word = words.get(w);
      AlertEvent e = word instanceof String s ? AlertEvent.of(s) : null;
      if (e == null) {
        String shown = word instanceof String s ? "'" + s + "'" : String.valueOf(word);
        doc.errorAt(
            words.inputPositionOf(w),
            "'"
                + prefix
                + "on' has unknown event "
                + shown
                + " (any of failed, killed, blocked, recovered, stale)"
                + (word instanceof String s ? Suggest.hint(s, EVENTS) : ""));
        ok = false;
      } else {
        out.add(e);
      }
    }
    if (ok && out.equals(EnumSet.of(AlertEvent.RECOVERED))) {
      doc.error(
          t,
          "on",
          "'" + prefix + "on' = [\"recovered\"] never fires: add the events it recovers from");
      ok = false;
    }
    return ok ? out : null;
  }

  private static void checkUrl(TomlDoc doc, TomlTable t, String prefix, String url) {
    String problem = null;
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        problem = "is not an http(s) URL";
      } else if (u.getHost() == null) {
        problem = "has no host";
      }
    } catch (URISyntaxException e) {
      problem = "is not a URL (" + e.getReason() + ")";
    }
    if (problem != null) {
      doc.error(t, "url", "'" + prefix + "url' = " + TomlDoc.quote(url) + " " + problem);
    }
  }

  /** A duration, {@code "0s"} (never again) included; null when absent or wrong. */
  private static Duration renotify(TomlDoc doc, TomlTable t, String prefix) {
    Object v = t.get("renotify");
    if (v instanceof String s && s.startsWith("-")) {
      doc.error(
          t,
          "renotify",
          "'"
              + prefix
              + "renotify' = "
              + TomlDoc.quote(s)
              + " must not be negative (\"0s\": never"
              + " again)");
      return null;
    }
    if (v instanceof String s && "must be longer than zero".equals(Durations.problem(s))) {
      return Duration.ZERO;
    }
    return doc.duration(t, prefix, "renotify");
  }

  /** The alert part as catchment.toml text: commented examples when there is none. */
  static String toToml(AlertConfig alerts) {
    StringBuilder b =
        new StringBuilder("# Stale alerts fire past this data age, unless pond.toml sets 'sla'.\n");
    b.append(
        alerts.defaultSla() == null
            ? "# default_sla = \"6h\"\n"
            : "default_sla = " + TomlDoc.quote(Durations.compact(alerts.defaultSla())) + "\n");
    b.append("# Alert rules (docs/alerts.md); the daemon re-reads them when this file changes.\n");
    if (alerts.rules().isEmpty()) {
      return b.append("# [[alerts]]\n")
          .append("# on = [\"failed\", \"killed\", \"blocked\", \"recovered\", \"stale\"]\n")
          .append("# command = [\"sh\", \"-c\", \"cat >> /var/log/duckstring-alerts.jsonl\"]\n")
          .append("# url = \"http://127.0.0.1:9000/hook\"   (instead of command: one of the two)\n")
          .toString();
    }
    for (AlertRule r : alerts.rules()) {
      b.append("[[alerts]]\non = ")
          .append(list(r.on().stream().map(AlertEvent::word).toList()))
          .append('\n');
      if (r.url() != null) {
        b.append("url = ").append(TomlDoc.quote(r.url())).append('\n');
      } else {
        b.append("command = ").append(list(r.command())).append('\n');
      }
      b.append("renotify = ")
          .append(TomlDoc.quote(Durations.compact(r.renotify())))
          .append("\ntimeout = ")
          .append(TomlDoc.quote(Durations.compact(r.timeout())))
          .append("\nretries = ")
          .append(r.retries())
          .append('\n');
      if (!r.ponds().isEmpty()) {
        b.append("ponds = ").append(list(r.ponds())).append('\n');
      }
    }
    return b.toString();
  }

  private static String list(List<String> words) {
    return words.stream().map(TomlDoc::quote).collect(Collectors.joining(", ", "[", "]"));
  }
}
