package dev.duckstring.http;

import dev.duckstring.model.DuckstringException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The one check before routing: with a key file, every path but {@code /health} needs {@code
 * Authorization: Bearer <key>} (401 otherwise). The file is re-read when its inode, size, times,
 * mode or owner change (one stat per request); a file that turns unusable closes the view (503)
 * until it is fixed, and both are journaled.
 */
final class KeyGate {
  /** The one path served without a key. */
  static final String OPEN_PATH = "/health";

  /** Sent with every 401. */
  static final String CHALLENGE = "Bearer realm=\"duckstring\"";

  static final String NEEDS_KEY =
      "this Catchment's view needs a key: send 'Authorization: Bearer <key>'"
          + " ('duckstring catchment connect --key-file' does)";

  static final String BAD_KEY = "the key is not valid for this Catchment";

  static final String UNUSABLE =
      "the Catchment's key file is unusable, so its view is closed until the operator fixes it (see"
          + " events.log)";

  /** The key file as last read: what identified it, and its keys or why it was refused. */
  private record Loaded(List<Object> stamp, KeyFile keys, String problem) {}

  private final Path file;
  private final BiConsumer<String, Map<String, Object>> journal;
  private volatile Loaded loaded;

  private KeyGate(Path file, BiConsumer<String, Map<String, Object>> journal, Loaded loaded) {
    this.file = file;
    this.journal = journal;
    this.loaded = loaded;
  }

  /** A gate that lets everything through (no key file). */
  static KeyGate open() {
    return new KeyGate(null, (e, f) -> {}, null);
  }

  /**
   * A gate over {@code file}, read now: a missing, too open or malformed file is a one-line error.
   * Later changes are journaled through {@code journal} ({@code keys_reloaded}, {@code
   * keys_refused}).
   */
  static KeyGate load(Path file, BiConsumer<String, Map<String, Object>> journal) {
    Map<String, Object> unix = KeyFile.attributes(file);
    KeyFile keys = KeyFile.read(file);
    return new KeyGate(file, journal, new Loaded(stamp(unix), keys, null));
  }

  /** True when keys are required. */
  boolean closed() {
    return file != null;
  }

  /**
   * Null when the request may go on to the router; else the answer: 401 (no or a wrong key) or 503
   * (the key file is unusable).
   */
  Reply check(String path, String authorization) {
    if (file == null || OPEN_PATH.equals(path)) {
      return null;
    }
    Loaded now = current();
    if (now.keys() == null) {
      return Reply.error(503, UNUSABLE).withHeader("Retry-After", "10");
    }
    String key = bearer(authorization);
    if (key == null) {
      return Reply.error(401, NEEDS_KEY).withHeader("WWW-Authenticate", CHALLENGE);
    }
    if (!now.keys().accepts(key)) {
      return Reply.error(401, BAD_KEY)
          .withHeader("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
    }
    return null;
  }

  /** The key of an {@code Authorization: Bearer <key>} header, or null. */
  static String bearer(String authorization) {
    if (authorization == null) {
      return null;
    }
    String a = authorization.strip();
    int space = a.indexOf(' ');
    if (space < 0 || !a.substring(0, space).toLowerCase(Locale.ROOT).equals("bearer")) {
      return null;
    }
    String key = a.substring(space + 1).strip();
    return key.isEmpty() ? null : key;
  }

  /** The loaded keys, re-read first if the file changed since. */
  private Loaded current() {
    List<Object> stamp;
    Map<String, Object> unix = null;
    try {
      unix = KeyFile.attributes(file);
      stamp = stamp(unix);
    } catch (DuckstringException e) {
      stamp = List.of(e.getMessage());
    }
    Loaded l = loaded;
    if (l.stamp().equals(stamp)) {
      return l;
    }
    synchronized (this) {
      l = loaded;
      if (l.stamp().equals(stamp)) {
        return l;
      }
      Loaded next;
      try {
        if (unix == null) {
          KeyFile.attributes(file); // throws the one-line reason
        }
        KeyFile keys = KeyFile.read(file);
        next = new Loaded(stamp, keys, null);
        journal.accept("keys_reloaded", fields("keys", keys.size()));
      } catch (DuckstringException e) {
        next = new Loaded(stamp, null, e.getMessage());
        if (!e.getMessage().equals(l.problem())) {
          journal.accept("keys_refused", fields("error", e.getMessage()));
        }
      }
      loaded = next;
      return next;
    }
  }

  /** The journal's fields: the file, then one more. */
  private Map<String, Object> fields(String key, Object value) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("file", file.toString());
    f.put(key, value);
    return f;
  }

  /** What identifies one state of the file: any write, rename, chmod or chown changes it. */
  private static List<Object> stamp(Map<String, Object> unix) {
    return List.of(
        unix.get("dev"),
        unix.get("ino"),
        unix.get("size"),
        String.valueOf(unix.get("lastModifiedTime")),
        String.valueOf(unix.get("ctime")),
        unix.get("mode"),
        unix.get("uid"));
  }
}
