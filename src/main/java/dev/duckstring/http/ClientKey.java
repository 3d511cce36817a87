package dev.duckstring.http;

import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.Diagnostic;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The client's side of a key: a file holding one bearer key (as {@code duckstring catchment key}
 * printed it; {@code #} comments and blank lines allowed), readable by its owner only. The CLI
 * reads it each time it talks to the registration; the key is never stored anywhere else.
 */
public final class ClientKey {
  private ClientKey() {}

  /** The largest client key file read. */
  private static final long MAX_BYTES = 64 << 10;

  /**
   * The key in {@code file}; a one-line error naming the file when it is missing, open to its group
   * or others, or does not hold exactly one well-formed key.
   */
  public static String read(Path file) {
    Map<String, Object> unix;
    try {
      unix = Files.readAttributes(file, "unix:mode,size,uid");
    } catch (NoSuchFileException e) {
      throw new DuckstringException(file + ": error: no such key file");
    } catch (IOException | UnsupportedOperationException e) {
      throw new DuckstringException(file + ": error: cannot read: " + e.getMessage(), e);
    }
    KeyFile.checkPrivate(file, unix, false);
    if ((Long) unix.get("size") > MAX_BYTES) {
      throw new DuckstringException(file + ": error: too large for a key file");
    }
    String text;
    try {
      text = AtomicFiles.decodeUtf8(Files.readAllBytes(file), file.toString());
    } catch (IOException e) {
      throw new DuckstringException(file + ": error: cannot read: " + e.getMessage(), e);
    }
    return parse(file.toString(), text);
  }

  /** The one key in {@code text}; never quotes it in an error. */
  static String parse(String source, String text) {
    String key = null;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (key != null) {
        throw new DuckstringException(
            new Diagnostic(source, i + 1, 1, "a key file holds one key; this is a second line")
                .toString());
      }
      if (!wellFormed(line)) {
        throw new DuckstringException(
            new Diagnostic(
                    source,
                    i + 1,
                    1,
                    "not a key: a key is one word of letters, digits and '-._~+/=' (as 'duckstring"
                        + " catchment key' prints it)")
                .toString());
      }
      key = line;
    }
    if (key == null) {
      throw new DuckstringException(source + ": error: the key file holds no key");
    }
    return key;
  }

  /** True for an RFC 6750 bearer token: letters, digits, {@code -._~+/}, then any {@code =}. */
  static boolean wellFormed(String key) {
    return key.matches("[A-Za-z0-9\\-._~+/]+=*");
  }
}
