package dev.duckstring.fs;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads JSON in the one shape {@link Json} writes it, with gson's streaming reader only: no {@code
 * Gson} instance, no reflection, no {@code DateTimeFormatter} (decision 59: a CLI start pays for
 * each). A reader built on it throws {@link Unexpected} at anything else (a missing comma, a number
 * where a string goes, an unknown or repeated field); its caller then reads the text with {@link
 * Json}, so the result or the error is always {@link Json}'s own.
 */
public final class JsonScan {
  private final JsonReader r;
  private final List<Set<String>> seen = new ArrayList<>();

  /** Thrown when the text is not in the shape the scanner expects; read it with {@link Json}. */
  public static final class Unexpected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Unexpected() {
      super("not in the shape Json writes", null, false, false);
    }
  }

  public JsonScan(String text) {
    this.r = new JsonReader(new StringReader(text));
  }

  /**
   * The string values of the top-level {@code names} of the JSON object in {@code file} (a name
   * that is absent or not a string maps to null), or null when the file is absent or is not a JSON
   * object: callers then read it in full, which reports what is wrong.
   */
  public static Map<String, String> topLevelStrings(Path file, Set<String> names) {
    String text = AtomicFiles.readStringOrNull(file);
    if (text == null) {
      return null;
    }
    Map<String, String> out = new HashMap<>();
    try (JsonReader r = new JsonReader(new StringReader(text))) {
      r.beginObject();
      while (r.hasNext()) {
        String name = r.nextName();
        if (names.contains(name) && r.peek() == JsonToken.STRING) {
          out.put(name, r.nextString());
        } else {
          r.skipValue();
        }
      }
      r.endObject();
      return r.peek() == JsonToken.END_DOCUMENT ? out : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Enters an object, or reads a null and answers false. */
  public boolean object() {
    try {
      if (nullHere()) {
        return false;
      }
      expect(JsonToken.BEGIN_OBJECT);
      r.beginObject();
      seen.add(new HashSet<>());
      return true;
    } catch (IOException e) {
      throw new Unexpected();
    }
  }

  /** The next field's name, or null at the end of the object (which is then left). */
  public String field() {
    try {
      if (r.peek() == JsonToken.END_OBJECT) {
        r.endObject();
        seen.remove(seen.size() - 1);
        return null;
      }
      String name = r.nextName();
      if (!seen.get(seen.size() - 1).add(name)) {
        throw new Unexpected(); // a repeated field: Json decides which one counts
      }
      return name;
    } catch (IOException e) {
      throw new Unexpected();
    }
  }

  /** The end of the text: only whitespace may follow. */
  public void end() {
    try {
      expect(JsonToken.END_DOCUMENT);
    } catch (IOException e) {
      throw new Unexpected();
    }
  }

  /** A string or null. */
  public String string() {
    try {
      if (nullHere()) {
        return null;
      }
      expect(JsonToken.STRING);
      return r.nextString();
    } catch (IOException e) {
      throw new Unexpected();
    }
  }

  /** An instant as {@link Instant#toString} writes it, or null. */
  public Instant instant() {
    String s = string();
    return s == null ? null : Instants.parse(s);
  }

  /** A number that is an int. */
  public int integer() {
    long v = longInteger();
    if (v != (int) v) {
      throw new Unexpected();
    }
    return (int) v;
  }

  /** A number that is a long. */
  public long longInteger() {
    try {
      expect(JsonToken.NUMBER);
      return r.nextLong();
    } catch (IOException | NumberFormatException e) {
      throw new Unexpected();
    }
  }

  /** true or false. */
  public boolean bool() {
    try {
      expect(JsonToken.BOOLEAN);
      return r.nextBoolean();
    } catch (IOException e) {
      throw new Unexpected();
    }
  }

  /** An array of strings (as an {@link ArrayList}, as gson makes it), or null. */
  public List<String> strings() {
    if (!array()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    while (more()) {
      out.add(nonNull(string()));
    }
    return out;
  }

  /** Enters an array, or reads a null and answers false. */
  public boolean array() {
    try {
      if (nullHere()) {
        return false;
      }
      expect(JsonToken.BEGIN_ARRAY);
      r.beginArray();
      return true;
    } catch (IOException e) {
      throw new Unexpected();
    }
  }

  /** True while the array has another element; false at its end (which is then left). */
  public boolean more() {
    try {
      if (r.peek() == JsonToken.END_ARRAY) {
        r.endArray();
        return false;
      }
      return true;
    } catch (IOException e) {
      throw new Unexpected();
    }
  }

  /** {@code value}, which must not be null here. */
  public static <T> T nonNull(T value) {
    if (value == null) {
      throw new Unexpected();
    }
    return value;
  }

  private boolean nullHere() throws IOException {
    if (r.peek() == JsonToken.NULL) {
      r.nextNull();
      return true;
    }
    return false;
  }

  private void expect(JsonToken token) throws IOException {
    if (r.peek() != token) {
      throw new Unexpected();
    }
  }
}
