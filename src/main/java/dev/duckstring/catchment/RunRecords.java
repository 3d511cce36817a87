package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Dirs;
import dev.duckstring.fs.Json;
import dev.duckstring.fs.Trees;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The run records of every line on disk, under {@code m<major>/runs/<run>/}: run.json plus one log
 * per Ripple. The daemon writes them (through daemon.RunRecorder); runs, status and HTTP read them.
 */
public final class RunRecords {
  private static final DateTimeFormatter ID =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
  private final CatchmentLayout layout;

  public RunRecords(CatchmentLayout layout) {
    this.layout = layout;
  }

  /** Run records kept per line; older ones are deleted as new runs end. */
  public static final int KEEP = 500;

  /**
   * The id of the run of a line at freshness {@code f}: sortable, one per F ({@code
   * yyyyMMdd'T'HHmmss.SSSSSS'Z'} in UTC). Made by hand for years 1-9999, as {@code ID} would make
   * it: the daemon makes several per hop, and the formatter costs more than the rest of a lookup.
   */
  public static String runId(Instant f) {
    LocalDateTime t = LocalDateTime.ofEpochSecond(f.getEpochSecond(), f.getNano(), ZoneOffset.UTC);
    if (t.getYear() < 1 || t.getYear() > 9999) {
      return ID.format(f);
    }
    char[] c = new char[23];
    digits(c, 0, t.getYear(), 4);
    digits(c, 4, t.getMonthValue(), 2);
    digits(c, 6, t.getDayOfMonth(), 2);
    c[8] = 'T';
    digits(c, 9, t.getHour(), 2);
    digits(c, 11, t.getMinute(), 2);
    digits(c, 13, t.getSecond(), 2);
    c[15] = '.';
    digits(c, 16, t.getNano() / 1000, 6);
    c[22] = 'Z';
    return new String(c);
  }

  /** Writes {@code value} into {@code c} at {@code at} as {@code width} digits, zero-padded. */
  private static void digits(char[] c, int at, int value, int width) {
    for (int i = at + width - 1; i >= at; i--) {
      c[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Writes a run record; an ended run durably, a running one's progress without waiting for disk.
   */
  public void write(LineId line, RunRecord record) {
    Path file = layout.run(line, record.id()).resolve("run.json");
    if (record.running()) {
      Json.writeFileUnsynced(file, record);
    } else {
      Json.writeFile(file, record);
    }
    RootChanges.of(layout).changed();
  }

  /**
   * Adds the ended {@code record} to {@code commit}, to be written durably with the batch's other
   * files (decision 58); {@link #changed} counts it once committed.
   */
  public void stage(LineId line, RunRecord record, GroupCommit commit) {
    commit.add(
        GroupCommit.Phase.RECORDS,
        file(line, record.id()),
        (Json.write(record) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The run.json of run {@code runId} of {@code line}. */
  public Path file(LineId line, String runId) {
    return layout.run(line, runId).resolve("run.json");
  }

  /** Counts a write of run records for the HTTP view's long-poll (decision 42). */
  public void changed() {
    RootChanges.of(layout).changed();
  }

  /**
   * The record of run {@code runId}, or null when it has none. A garbled run.json (not UTF-8, not
   * JSON, or missing what every record has) is a one-line error naming the file.
   */
  public RunRecord read(LineId line, String runId) {
    Path file = layout.run(line, runId).resolve("run.json");
    RunRecord r = Json.readFile(file, RunRecord.class);
    if (r != null
        && (r.id() == null || r.f() == null || r.state() == null || r.started() == null)) {
      throw new DuckstringException(
          file + ": error: not a run record (id, f, state or started is missing)");
    }
    return r;
  }

  /** Like {@link #read}, but a garbled record counts as none; {@code unreadable} hears why. */
  private RunRecord readOrSkip(LineId line, String runId, Consumer<String> unreadable) {
    try {
      return read(line, runId);
    } catch (DuckstringException e) {
      unreadable.accept(e.getMessage());
      return null;
    }
  }

  /**
   * Moves the ended run {@code ended} (its record and logs) to the first free id {@code
   * <time>-<nnn>Z} (its id with a number before the {@code Z}, so it sorts just before the id of
   * its freshness: the run that replaces it stays the newest), the record's id changed to match, so
   * that another run at the same freshness (a forced re-run, a retry after a full disk) starts
   * afresh and loses none of it. Returns the new id.
   */
  public String setAside(LineId line, RunRecord ended) {
    String id = ended.id();
    String stem = id.endsWith("Z") ? id.substring(0, id.length() - 1) : id;
    int n = 1;
    while (Files.exists(layout.run(line, aside(stem, n)), LinkOption.NOFOLLOW_LINKS)) {
      n++;
    }
    String kept = aside(stem, n);
    try {
      AtomicFiles.move(layout.run(line, id), layout.run(line, kept));
      AtomicFiles.fsyncDirectory(layout.runs(line));
    } catch (IOException e) {
      throw new DuckstringException(
          "cannot keep run " + id + " of " + line + " aside: " + e.getMessage(), e);
    }
    write(line, ended.withId(kept));
    return kept;
  }

  private static String aside(String stem, int n) {
    return String.format("%s-%03dZ", stem, n);
  }

  /** The log file of a Ripple within a run. */
  public Path log(LineId line, String runId, String ripple) {
    return layout.run(line, runId).resolve(ripple + ".log");
  }

  /** Deletes all but the newest {@code keep} run records of a line. */
  public void prune(LineId line, int keep) {
    List<String> ids = Dirs.names(layout.runs(line));
    for (int i = 0; i < ids.size() - keep; i++) {
      try {
        Trees.delete(layout.run(line, ids.get(i)));
      } catch (IOException e) {
        throw new DuckstringException(
            "cannot prune run " + ids.get(i) + " of " + line + ": " + e.getMessage(), e);
      }
    }
  }

  /**
   * The newest {@code limit} runs across {@code lines}, newest start first. Only directory listings
   * are read for every line; just the chosen records are parsed (run ids sort by freshness). A
   * garbled record is left out.
   */
  public List<RunRecord> newest(List<LineId> lines, int limit) {
    List<Map.Entry<String, LineId>> ids = new ArrayList<>();
    for (LineId line : lines) {
      for (String id : Dirs.names(layout.runs(line))) {
        ids.add(Map.entry(id, line));
      }
    }
    ids.sort(Map.Entry.<String, LineId>comparingByKey().reversed());
    List<RunRecord> out = new ArrayList<>();
    for (Map.Entry<String, LineId> e : ids.subList(0, Math.min(limit, ids.size()))) {
      RunRecord r = readOrSkip(e.getValue(), e.getKey(), m -> {});
      if (r != null) {
        out.add(r);
      }
    }
    out.sort(
        Comparator.comparing(RunRecord::started, Comparator.nullsLast(Comparator.reverseOrder())));
    return out;
  }

  /** The newest {@code limit} runs of a line, newest first; garbled records are left out. */
  public List<RunRecord> recent(LineId line, int limit) {
    return recent(line, limit, m -> {});
  }

  /**
   * At start, before any run resumes: deletes what a daemon killed mid-write left (a {@code
   * .tmp-run.json.*}) in the records it could have been writing, which are every run at or after
   * {@code from} (the oldest run its saved state holds in flight or publishing; a run started after
   * that save is newer still), else the newest run only. Older records were written in full.
   */
  public void sweep(LineId line, Instant from) {
    List<String> ids = new ArrayList<>(Dirs.names(layout.runs(line)));
    ids.sort(Comparator.reverseOrder());
    String oldest = from == null ? null : runId(from);
    for (int i = 0; i < ids.size() && (i == 0 || oldest != null); i++) {
      if (i > 0 && ids.get(i).compareTo(oldest) < 0) {
        break;
      }
      try {
        Trees.deleteTemporaries(layout.run(line, ids.get(i)));
      } catch (IOException | RuntimeException e) {
        // a leftover temporary is skipped by every reader; the next start tries again
      }
    }
  }

  /** Like {@link #recent(LineId, int)}; {@code unreadable} hears of each garbled record skipped. */
  public List<RunRecord> recent(LineId line, int limit, Consumer<String> unreadable) {
    List<String> ids = new ArrayList<>(Dirs.names(layout.runs(line)));
    ids.sort(Comparator.reverseOrder());
    List<RunRecord> out = new ArrayList<>();
    for (String id : ids) {
      if (out.size() >= limit) {
        break;
      }
      RunRecord r = readOrSkip(line, id, unreadable);
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }
}
