package dev.duckstring.manifest;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.fs.FileReads;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Names;
import dev.duckstring.model.Suggest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tomlj.TomlTable;

/** The user's registered Catchments in {@code ~/.duckstring/config.toml}: name to root or URL. */
public final class Registrations {
  private static final Set<String> KEYS = Set.of("path", "port", "key_file");
  private final Path file;
  private final Map<String, Entry> entries;

  /**
   * One registration: a local or mounted root path, or an http(s) URL (read-only); {@code keyFile}
   * is the absolute path of the file holding the bearer key sent to that URL (never the key), or
   * null.
   */
  public record Entry(String name, String path, Integer port, String keyFile) {
    /** A registration without a key file. */
    public Entry(String name, String path, Integer port) {
      this(name, path, port, null);
    }

    /** True when this registration is a remote HTTP view. */
    public boolean isRemote() {
      return path.startsWith("http://") || path.startsWith("https://");
    }
  }

  private Registrations(Path file, Map<String, Entry> entries) {
    this.file = file;
    this.entries = entries;
  }

  /**
   * Loads the file (an absent file means no registrations): as written by {@link #put} without a
   * TOML parser, otherwise with one.
   */
  public static Registrations load(Path file) {
    if (!Files.exists(file)) {
      return new Registrations(file, new TreeMap<>());
    }
    String text = AtomicFiles.decodeUtf8(FileReads.readAll(file), file.toString());
    Map<String, Entry> plain = RegistrationsText.read(text);
    return new Registrations(file, plain != null ? plain : parse(file.toString(), text));
  }

  /** The entries of {@code text} read by the TOML parser; errors name {@code source}:line:col. */
  static Map<String, Entry> parse(String source, String text) {
    Map<String, Entry> entries = new TreeMap<>();
    TomlDoc doc = TomlDoc.parse(source, text);
    doc.throwIfErrors();
    doc.rejectUnknownKeys(doc.root(), "", Set.of("catchments"));
    TomlTable all = doc.table(doc.root(), "", "catchments");
    if (all != null) {
      for (String name : all.keySet()) {
        TomlTable t = doc.table(all, "catchments.", name);
        if (t == null) {
          continue;
        }
        String prefix = "catchments." + name + ".";
        doc.rejectUnknownKeys(t, prefix, KEYS);
        String path = doc.requireString(t, prefix, "path");
        Long port = doc.integer(t, prefix, "port");
        String keyFile = doc.string(t, prefix, "key_file");
        if (path != null) {
          entries.put(name, new Entry(name, path, port == null ? null : port.intValue(), keyFile));
        }
      }
    }
    doc.throwIfErrors();
    return entries;
  }

  public Map<String, Entry> entries() {
    return Map.copyOf(entries);
  }

  /** The registration called {@code name}, or a one-line error listing the known ones. */
  public Entry require(String name) {
    Entry e = entries.get(name);
    if (e == null) {
      throw new DuckstringException(
          "unknown catchment '"
              + name
              + "'"
              + Suggest.hint(name, entries.keySet())
              + (entries.isEmpty()
                  ? "; none registered (start one with 'duckstring catchment start --name "
                      + name
                      + "')"
                  : "; registered: " + String.join(", ", entries.keySet())));
    }
    return e;
  }

  /** Adds or replaces {@code name} and saves the file atomically. */
  public Registrations put(String name, String path, Integer port) {
    return put(new Entry(name, path, port));
  }

  /** Adds or replaces {@code e.name()} and saves the file atomically. */
  public Registrations put(Entry e) {
    Names.check("catchment", e.name());
    entries.put(e.name(), e);
    save();
    return this;
  }

  private void save() {
    StringBuilder b =
        new StringBuilder("# Catchments known to this user (written by duckstring).\n");
    for (Entry e : entries.values()) {
      b.append("\n[catchments.").append(e.name()).append("]\n");
      b.append("path = ").append(TomlDoc.quote(e.path())).append('\n');
      if (e.port() != null) {
        b.append("port = ").append(e.port()).append('\n');
      }
      if (e.keyFile() != null) {
        b.append("key_file = ").append(TomlDoc.quote(e.keyFile())).append('\n');
      }
    }
    AtomicFiles.writeString(file, b.toString());
  }
}
