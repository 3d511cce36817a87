package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.engine.Event;
import dev.duckstring.engine.PondView;
import dev.duckstring.engine.Trigger;
import dev.duckstring.manifest.TriggerFile;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** Follows the operator-owned trigger files and says when the engine's trigger must change. */
final class Triggers {
  private final CatchmentLayout layout;
  private final Map<LineId, String> seen = new HashMap<>();
  /** Lines whose last check reported an error: the next check that finds none clears it. */
  private final Set<LineId> erred = new HashSet<>();

  Triggers(CatchmentLayout layout) {
    this.layout = layout;
  }

  /**
   * A change to apply: an event, or an error to report for an unreadable file; neither (both null)
   * when only an earlier error must be cleared.
   */
  record Change(Event event, Trigger describe, String error) {}

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

  /** Returned (by identity) by {@link #compare} when the file is as last seen. */
  private static final Change SAME_FILE = new Change(null, null, null);

  private Change compare(LineId line, PondView view) {
    Path file = layout.trigger(line);
    // Errors name the file relative to the root, as the operator wrote it.
    String name = layout.root().relativize(file).toString();
    byte[] bytes;
    String refused = null;
    try {
      // Like a signal: never followed, never opened unless a regular file within the bound.
      java.nio.file.attribute.BasicFileAttributes a =
          Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile()) {
        refused = name + ": error: not a regular file (a symlink, directory or special file); it is not read";
      } else if (a.size() > dev.duckstring.catchment.SignalStore.MAX_BODY) {
        refused = name + ": error: " + a.size() + " bytes, over the bound of " + dev.duckstring.catchment.SignalStore.MAX_BODY + "; it is not read";
      }
      bytes = refused != null ? null : readNoFollow(file);
    } catch (NoSuchFileException e) {
      bytes = null;
    } catch (IOException e) {
      return new Change(null, null, "cannot read " + name + ": " + e.getMessage());
    }
    // The exact bytes, to notice a change; decoding (strict UTF-8) is the parser's job.
    String text =
        refused != null ? "\0" + refused : bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
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
      wanted = toEngine(TriggerFile.parse(name, bytes));
    } catch (DuckstringException e) {
      return new Change(null, null, e.getMessage());
    }
    return wanted.equals(current) ? null : new Change(new Event.SetTrigger(line, wanted), wanted, null);
  }

  private static byte[] readNoFollow(Path file) throws IOException {
    try (java.nio.channels.SeekableByteChannel ch =
        Files.newByteChannel(file, java.nio.file.StandardOpenOption.READ, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate((int) dev.duckstring.catchment.SignalStore.MAX_BODY + 1);
      while (buf.hasRemaining() && ch.read(buf) > 0) {
        // read up to the bound (the file may have grown since its size was read)
      }
      return java.util.Arrays.copyOf(buf.array(), buf.position());
    }
  }

  /** The engine's form of a trigger file; cron expressions are validated here. */
  static Trigger toEngine(TriggerFile t) {
    if ("wave".equals(t.kind())) {
      return new Trigger.Wave();
    }
    if (t.every() != null) {
      return new Trigger.Tide(t.every());
    }
    CronSchedules.validate(t.cron());
    return new Trigger.Cron(t.cron(), t.local());
  }

  /** One-word-plus description for status: {@code wave}, {@code tide 4h}, {@code tide 15 2 * * *}. */
  static String describe(Trigger t) {
    if (t == null) {
      return null;
    }
    if (t instanceof Trigger.Wave) {
      return "wave";
    }
    if (t instanceof Trigger.Tide tide) {
      return "tide every " + dev.duckstring.model.Durations.human(tide.bound());
    }
    Trigger.Cron c = (Trigger.Cron) t;
    return "tide " + c.expression() + (c.local() ? " (local)" : " (UTC)");
  }
}
