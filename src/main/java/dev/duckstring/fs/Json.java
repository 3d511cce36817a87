package dev.duckstring.fs;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import dev.duckstring.model.AlertEvent;
import dev.duckstring.model.DataTest;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineState;
import dev.duckstring.model.RunOutcome;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The one JSON codec: records to pretty JSON and back, instants as ISO-8601 UTC strings, states
 * ({@link LineState}, {@link RunOutcome}, a data test's severity) as their lower-case words.
 */
public final class Json {
  private static final Gson LINE = builder().create();
  private static final Gson GSON = builder().setPrettyPrinting().create();

  private Json() {}

  /** Pretty JSON text of {@code value}. */
  public static String write(Object value) {
    return GSON.toJson(value);
  }

  /**
   * {@code value} as a JSON tree with one more field {@code name}, {@code field}, after its own: an
   * additive view of a record that {@link #write} prints.
   */
  public static Object withField(Object value, String name, Object field) {
    JsonObject tree = GSON.toJsonTree(value).getAsJsonObject();
    tree.add(name, GSON.toJsonTree(field));
    return tree;
  }

  /** One-line JSON text of {@code value} (for JSON-lines logs and HTTP answers). */
  public static String line(Object value) {
    return LINE.toJson(value);
  }

  /**
   * Parses {@code text} into {@code type}; any failure is a one-line error naming {@code source} (a
   * JSON syntax error, a value of the wrong type, a bad instant).
   */
  public static <T> T read(String text, Type type, String source) {
    T value;
    try {
      value = GSON.fromJson(text, type);
    } catch (DuckstringException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DuckstringException(source + ": error: invalid JSON: " + oneLine(e), e);
    }
    if (value == null) {
      throw new DuckstringException(source + ": error: empty JSON");
    }
    return value;
  }

  /** The first line of what went wrong, without Gson's exception class names and help links. */
  private static String oneLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null
        && t.getCause() != t
        && (t.getMessage() == null || t instanceof JsonParseException)) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    m = m.lines().findFirst().orElse("").strip();
    if (m.startsWith("Failed to invoke constructor")) {
      return "a required field is missing or null"; // a record's constructor refused Gson's nulls
    }
    return m.replaceFirst("^(?:[a-z]+\\.)+[A-Za-z]*(?:Exception|Error): ", "");
  }

  /** Atomically writes {@code value} as pretty JSON to {@code file}. */
  public static void writeFile(Path file, Object value) {
    AtomicFiles.writeString(file, write(value) + "\n");
  }

  /** Atomically writes {@code value} as pretty JSON, without waiting for the disk. */
  public static void writeFileUnsynced(Path file, Object value) {
    AtomicFiles.writeUnsynced(file, (write(value) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads {@code file} into {@code type}, or null when the file does not exist; an unreadable or
   * garbled file is a one-line error naming it.
   */
  public static <T> T readFile(Path file, Type type) {
    String text = AtomicFiles.readStringOrNull(file);
    return text == null ? null : read(text, type, file.toString());
  }

  /**
   * The string values of the top-level {@code names} of the JSON object in {@code file}, read with
   * gson's streaming reader only: {@link JsonScan#topLevelStrings}.
   */
  public static Map<String, String> topLevelStrings(Path file, Set<String> names) {
    return JsonScan.topLevelStrings(file, names);
  }

  private static GsonBuilder builder() {
    return new GsonBuilder()
        .disableHtmlEscaping()
        .serializeNulls()
        .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
        .registerTypeAdapter(Duration.class, new DurationAdapter().nullSafe())
        .registerTypeAdapter(
            LineState.class, new WordAdapter<>(LineState::word, LineState::of).nullSafe())
        .registerTypeAdapter(
            RunOutcome.class, new WordAdapter<>(RunOutcome::word, RunOutcome::of).nullSafe())
        .registerTypeAdapter(
            AlertEvent.class, new WordAdapter<>(AlertEvent::word, AlertEvent::of).nullSafe())
        .registerTypeAdapter(
            DataTest.Severity.class,
            new WordAdapter<>(DataTest.Severity::word, Json::severity).nullSafe());
  }

  /** A data test's severity from its word ({@code error}, {@code warn}); another is an error. */
  private static DataTest.Severity severity(String word) {
    for (DataTest.Severity s : DataTest.Severity.values()) {
      if (s.word().equals(word)) {
        return s;
      }
    }
    throw new JsonParseException("unknown severity '" + word + "'");
  }

  /** A state as its word; a word the state does not know reads as the state's own unknown value. */
  private static final class WordAdapter<E> extends TypeAdapter<E> {
    private final Function<E, String> word;
    private final Function<String, E> parse;

    WordAdapter(Function<E, String> word, Function<String, E> parse) {
      this.word = word;
      this.parse = parse;
    }

    @Override
    public void write(JsonWriter out, E value) throws IOException {
      out.value(word.apply(value));
    }

    @Override
    public E read(JsonReader in) throws IOException {
      // Like a String field: a number or boolean reads as its text.
      return parse.apply(
          in.peek() == JsonToken.BOOLEAN ? String.valueOf(in.nextBoolean()) : in.nextString());
    }
  }

  private static final class InstantAdapter extends TypeAdapter<Instant> {
    @Override
    public void write(JsonWriter out, Instant value) throws IOException {
      out.value(value.toString());
    }

    @Override
    public Instant read(JsonReader in) throws IOException {
      if (in.peek() == JsonToken.NULL) {
        in.nextNull();
        return null;
      }
      return Instant.parse(in.nextString());
    }
  }

  private static final class DurationAdapter extends TypeAdapter<Duration> {
    @Override
    public void write(JsonWriter out, Duration value) throws IOException {
      out.value(value.toString());
    }

    @Override
    public Duration read(JsonReader in) throws IOException {
      return Duration.parse(in.nextString());
    }
  }
}
