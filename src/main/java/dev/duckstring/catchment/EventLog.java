package dev.duckstring.catchment;

import dev.duckstring.fs.Json;
import dev.duckstring.fs.WriteFence;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * events.log: the daemon's append-only JSON-lines journal (signals taken, runs, errors). An append
 * never throws: while the file cannot grow (a full disk), events are counted and dropped, a torn
 * line is cut off again, and the first append that works again is preceded by one {@code
 * events_lost} line with the count.
 */
public final class EventLog implements AutoCloseable {
  private final CatchmentLayout layout;
  private final FileChannel channel;
  private long lost;

  /** A torn line could not be cut off: the next line starts with a newline. */
  private boolean torn;

  private Instant lostSince;
  private volatile String failure;

  public EventLog(CatchmentLayout layout) {
    this.layout = layout;
    try {
      Files.createDirectories(layout.root());
      channel =
          FileChannel.open(
              layout.eventsLog(),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new DuckstringException("cannot open " + layout.eventsLog() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Appends one event: {@code {"at": ..., "event": kind, ...fields}}; dropped (and counted) when it
   * cannot.
   */
  public synchronized void append(Instant at, String event, Map<String, Object> fields) {
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
    if (write(line(at, event, fields))) {
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
    try {
      channel.close();
    } catch (IOException e) {
      // closing a journal we only appended to loses nothing
    }
  }
}
