package dev.duckstring.daemon;

import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.EventLog;
import dev.duckstring.manifest.YankFile;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondVersion;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Journals yanks and unyanks ({@code version_yanked}, {@code version_unyanked}) as the scans find
 * YANKED files appear and go, whoever wrote them (decision 45). The first scan is the baseline.
 */
final class YankJournal {
  private final Deployments deployments;
  private final EventLog log;
  private Set<String> seen;

  YankJournal(Deployments deployments, EventLog log) {
    this.deployments = deployments;
    this.log = log;
  }

  /** Cheap (a stat per version): the yanked versions as {@code pond@version}, sorted. */
  private Set<String> marks() {
    Set<String> out = new TreeSet<>();
    for (String pond : deployments.ponds()) {
      deployments.yanked(pond).forEach(v -> out.add(pond + "@" + v));
    }
    return out;
  }

  /** Takes the marks found at the daemon's start, journaling nothing. */
  void baseline() {
    seen = marks();
  }

  /** Journals what changed since the last call. */
  void journal(Instant now) {
    Set<String> current = marks();
    if (seen == null) {
      seen = current;
      return;
    }
    for (String mark : current) {
      if (!seen.contains(mark)) {
        log.append(now, "version_yanked", fields(mark, true));
      }
    }
    for (String mark : seen) {
      if (!current.contains(mark)) {
        log.append(now, "version_unyanked", fields(mark, false));
      }
    }
    seen = current;
  }

  private Map<String, Object> fields(String mark, boolean yanked) {
    String pond = mark.substring(0, mark.indexOf('@'));
    PondVersion v = PondVersion.parse(mark.substring(mark.indexOf('@') + 1));
    LineId line = new LineId(pond, v.major());
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("line", line.toString());
    f.put("version", v.text());
    YankFile file = yanked ? deployments.yank(pond, v) : null;
    if (file != null && file.reason() != null) {
      f.put("reason", file.reason());
    }
    f.put("runs", deployments.selected(line).map(PondVersion::text).orElse("none"));
    return f;
  }
}
