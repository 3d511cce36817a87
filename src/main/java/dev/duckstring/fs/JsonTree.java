package dev.duckstring.fs;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text as plain Java values, read with gson's streaming reader and no recursion (a deep
 * document cannot overflow the stack): objects are {@link Map}s in document order, arrays {@link
 * List}s, numbers {@link BigDecimal}s, and strings, booleans and null themselves.
 */
public final class JsonTree {
  private JsonTree() {}

  /** The value of {@code text}; malformed JSON is a one-line error naming {@code source}. */
  public static Object parse(String text, String source) {
    try (JsonReader r = new JsonReader(new StringReader(text))) {
      r.setNestingLimit(Integer.MAX_VALUE); // a SQL AST nests as deep as its expressions
      Deque<Object> open = new ArrayDeque<>();
      Deque<String> names = new ArrayDeque<>();
      Object root = null;
      do {
        Object value;
        switch (r.peek()) {
          case BEGIN_OBJECT -> {
            r.beginObject();
            open.push(new LinkedHashMap<String, Object>());
            continue;
          }
          case BEGIN_ARRAY -> {
            r.beginArray();
            open.push(new ArrayList<>());
            continue;
          }
          case NAME -> {
            names.push(r.nextName());
            continue;
          }
          case END_OBJECT -> {
            r.endObject();
            value = open.pop();
          }
          case END_ARRAY -> {
            r.endArray();
            value = open.pop();
          }
          case STRING -> value = r.nextString();
          case NUMBER -> value = new BigDecimal(r.nextString());
          case BOOLEAN -> value = r.nextBoolean();
          case NULL -> {
            r.nextNull();
            value = null;
          }
          default -> throw new IOException("unexpected " + r.peek());
        }
        root = add(open, names, value);
      } while (!open.isEmpty());
      if (r.peek() != JsonToken.END_DOCUMENT) {
        throw new IOException("more than one value");
      }
      return root;
    } catch (IOException | RuntimeException e) {
      throw new DuckstringException(source + ": error: invalid JSON: " + e.getMessage(), e);
    }
  }

  /** Adds {@code value} to the innermost open container; returns it when none is open. */
  @SuppressWarnings("unchecked")
  private static Object add(Deque<Object> open, Deque<String> names, Object value) {
    Object into = open.peek();
    if (into instanceof Map<?, ?> map) {
      ((Map<String, Object>) map).put(names.pop(), value);
    } else if (into instanceof List<?> list) {
      ((List<Object>) list).add(value);
    }
    return value;
  }
}
