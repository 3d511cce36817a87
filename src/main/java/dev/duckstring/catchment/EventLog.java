package dev.duckstring.catchment;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.Json;
import dev.duckstring.fs.WriteFence;
import dev.duckstring.manifest.EventsRotation;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * events.log: the daemon's append-only JSON-lines journal (signals taken, runs, errors). An append
 * never throws: while the file cannot grow (a full disk), events are counted and dropped, a torn
 * line is cut off again, and the first append that works again is preceded by one {@code
 * events_lost} line with the count. Before a line that would take the file past its size, the file
 * is rotated ({@link EventFiles}): always between whole lines, under the same lock as appends.
 */
public final class EventLog implements AutoCloseable {
  /** How long a failed rotation waits before it is tried again (the file grows meanwhile). */
  static final Duration ROTATION_RETRY = Duration.ofMinutes(1);

  private final CatchmentLayout layout;
  private final EventsRotation rotation;
  private final EventFiles files;

  /** The open events.log; null while a new one could not be created after a rotation. */
  private FileChannel channel;

  private long lost;

  /** A torn line could not be cut off: the next line starts with a newline. */
  private boolean torn;

  private Instant lostSince;
  private volatile String failure;

  /** After a failed rotation, no new attempt before this. */
  private Instant rotateAfter;

  /** events.log rotated at the default size (64 MB, keep 5). */
  public EventLog(CatchmentLayout layout) {
    this(layout, EventsRotation.DEFAULT);
  }

  public EventLog(CatchmentLayout layout, EventsRotation rotation) {
    this.layout = layout;
    this.rotation = rotation;
    this.files = new EventFiles(layout);
    try {
      Files.createDirectories(layout.root());
      try {
        files.heal(); // a crash in the middle of a rotation left a gap in the numbers
      } catch (IOException e) {
        // the next rotation heals again
      }
      channel = open();
    } catch (IOException e) {
      throw new DuckstringException("cannot open " + layout.eventsLog() + ": " + e.getMessage(), e);
    }
  }

  private FileChannel open() throws IOException {
    return FileChannel.open(
        layout.eventsLog(),
        StandardOpenOption.CREATE,
        StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
  }

  /**
   * Appends one event: {@code {"at": ..., "event": kind, ...fields}}; dropped (and counted) when it
   * cannot.
   */
  public synchronized void append(Instant at, String event, Map<String, Object> fields) {
    byte[] bytes = line(at, event, fields);
    String trouble = rotateIfFull(at, bytes.length);
    if (trouble != null) {
      Map<String, Object> note = new LinkedHashMap<>();
      note.put("error", trouble);
      note.put("retry", "in " + ROTATION_RETRY.toMinutes() + " min; events.log grows meanwhile");
      put(at, line(at, "events_rotation_failed", note));
    }
    put(at, bytes);
  }

  private void put(Instant at, byte[] bytes) {
    if (lost > 0) {
      Map<String, Object> note = new LinkedHashMap<>();
      note.put("count", lost);
      note.put("since", String.valueOf(lostSince));
      note.put("error", failure);
      if (!write(line(at, "events_lost", note))) {
        count(at);
        return;
      }
      lost = 0;
      lostSince = null;
    }
    if (write(bytes)) {
      failure = null;
    } else {
      count(at);
    }
  }

  private void count(Instant at) {
    if (lost++ == 0) {
      lostSince = at;
    }
  }

  /**
   * Rotates before a line of {@code length} bytes that would take a non-empty events.log past its
   * size; returns why a rotation failed (the line then goes to the current file), else null.
   */
  private String rotateIfFull(Instant at, int length) {
    if (channel == null || (rotateAfter != null && at.isBefore(rotateAfter))) {
      return null;
    }
    long size;
    try {
      size = channel.size();
    } catch (IOException e) {
      return null; // the append that follows reports it
    }
    if (size == 0 || size + length <= rotation.maxBytes()) {
      return null;
    }
    WriteFence.check();
    try {
      files.shift(rotation.keep());
      files.retire(rotation.keep());
    } catch (IOException e) {
      rotateAfter = at.plus(ROTATION_RETRY);
      return "cannot rotate " + layout.eventsLog() + ": " + e;
    }
    rotateAfter = null;
    close(channel);
    channel = null; // opened again by the next write
    AtomicFiles.fsyncDirectory(layout.root());
    return null;
  }

  private static byte[] line(Instant at, String event, Map<String, Object> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("at", at.toString());
    line.put("event", event);
    line.putAll(fields);
    return (Json.line(line) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** Writes one whole line, or nothing: a partly written line is truncated away. */
  private boolean write(byte[] bytes) {
    WriteFence.check();
    long start = -1;
    try {
      if (channel == null) {
        channel = open();
      }
      start = channel.size();
      ByteBuffer buf =
          ByteBuffer.wrap(
              torn
                  ? ("\n" + new String(bytes, StandardCharsets.UTF_8))
                      .getBytes(StandardCharsets.UTF_8)
                  : bytes);
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
      torn = false;
      return true;
    } catch (IOException e) {
      failure = "cannot append to " + layout.eventsLog() + ": " + e.getMessage();
      if (start >= 0) {
        try {
          channel.truncate(start);
        } catch (IOException again) {
          torn = true;
        }
      }
      return false;
    }
  }

  /** Why the last append was dropped, or null when appends work. */
  public String failure() {
    return failure;
  }

  @Override
  public synchronized void close() {
    close(channel);
  }

  private static void close(FileChannel ch) {
    if (ch == null) {
      return;
    }
    try {
      ch.close();
    } catch (IOException e) {
      // closing a journal we only appended to loses nothing
    }
  }
}
