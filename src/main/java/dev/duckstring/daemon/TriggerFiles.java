package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.SignalStore;
import dev.duckstring.engine.Event;
import dev.duckstring.engine.PondView;
import dev.duckstring.fs.FileReads;
import dev.duckstring.manifest.TriggerFile;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.Trigger;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Follows the operator-owned trigger files and says when the engine's trigger must change. */
final class TriggerFiles {
  private final CatchmentLayout layout;
  private final Map<LineId, String> seen = new HashMap<>();

  /** Lines whose last check reported an error: the next check that finds none clears it. */
  private final Set<LineId> erred = new HashSet<>();

  TriggerFiles(CatchmentLayout layout) {
    this.layout = layout;
  }

  /**
   * A change to apply: an event, or an error to report for an unreadable file; neither (both null)
   * when only an earlier error must be cleared.
   */
  record Change(Event event, Trigger trigger, String error) {}

  /** Returned (by identity) by {@link #compare} when the file is as last seen. */
  private static final Change SAME_FILE = new Change(null, null, null);

  /** What must change for {@code line} given the engine's view, or null when nothing must. */
  Change check(LineId line, PondView view) {
    Change c = compare(line, view);
    if (c == SAME_FILE) {
      return null;
    }
    if (c != null && c.error() != null) {
      erred.add(line);
    } else if (erred.remove(line) && c == null) {
      c = new Change(null, null, null);
    }
    return c;
  }

  private Change compare(LineId line, PondView view) {
    Path file = layout.trigger(line);
    // Errors name the file relative to the root, as the operator wrote it.
    String name = layout.root().relativize(file).toString();
    byte[] bytes;
    String refused = null;
    try {
      // Like a signal: never followed, never opened unless a regular file within the bound.
      BasicFileAttributes a =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile()) {
        refused =
            name
                + ": error: not a regular file (a symlink, directory or special file); it is not read";
      } else if (a.size() > SignalStore.MAX_BODY) {
        refused =
            name
                + ": error: "
                + a.size()
                + " bytes, over the bound of "
                + SignalStore.MAX_BODY
                + "; it is not read";
      }
      bytes = refused != null ? null : FileReads.readNoFollow(file, SignalStore.MAX_BODY);
    } catch (NoSuchFileException e) {
      bytes = null;
    } catch (IOException e) {
      return new Change(null, null, "cannot read " + name + ": " + e.getMessage());
    }
    // The exact bytes, to notice a change; decoding (strict UTF-8) is the parser's job.
    String text =
        refused != null
            ? "\0" + refused
            : bytes == null ? null : new String(bytes, StandardCharsets.ISO_8859_1);
    if (seen.containsKey(line) && Objects.equals(seen.get(line), text)) {
      return SAME_FILE;
    }
    seen.put(line, text);
    if (refused != null) {
      return new Change(null, null, refused);
    }
    Trigger current = view == null ? null : view.trigger();
    if (text == null) {
      return current == null ? null : new Change(new Event.RemoveTrigger(line), null, null);
    }
    Trigger wanted;
    try {
      wanted = TriggerFile.parse(name, bytes);
      if (wanted instanceof Trigger.Cron cron) {
        CronSchedules.validate(cron.expression());
      }
    } catch (DuckstringException e) {
      return new Change(null, null, e.getMessage());
    }
    return wanted.equals(current)
        ? null
        : new Change(new Event.SetTrigger(line, wanted), wanted, null);
  }
}
