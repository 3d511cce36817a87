package dev.duckstring.catchment;

import dev.duckstring.fs.Json;
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

/** events.log: the daemon's append-only JSON-lines journal (signals taken, runs, errors). */
public final class EventLog implements AutoCloseable {
  private final FileChannel channel;

  public EventLog(CatchmentLayout layout) {
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

  /** Appends one event: {@code {"at": ..., "event": kind, ...fields}}. */
  public synchronized void append(Instant at, String event, Map<String, Object> fields) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("at", at.toString());
    line.put("event", event);
    line.putAll(fields);
    ByteBuffer buf = ByteBuffer.wrap((Json.line(line) + "\n").getBytes(StandardCharsets.UTF_8));
    try {
      while (buf.hasRemaining()) {
        channel.write(buf);
      }
    } catch (IOException e) {
      throw new DuckstringException("cannot append to events.log: " + e.getMessage(), e);
    }
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
