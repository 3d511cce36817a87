package dev.duckstring.http;

import com.sun.security.auth.module.UnixSystem;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.Diagnostic;
import dev.duckstring.model.DuckstringException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Catchment's {@code read_keys_file}: the SHA-256 of each bearer key the view accepts, one {@code
 * sha256:<64 hex digits> [label]} a line ({@code #} comments, blank lines), in a file only the
 * daemon's user may read. Presented keys are checked against every hash in constant time.
 */
public final class KeyFile {
  /** How a hash line starts. */
  public static final String PREFIX = "sha256:";

  /** The largest key file read (a few thousand keys). */
  static final long MAX_BYTES = 1 << 20;

  /** Random bytes in a key made by {@link #newKey}. */
  public static final int KEY_BYTES = 32;

  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<byte[]> hashes;

  private KeyFile(List<byte[]> hashes) {
    this.hashes = List.copyOf(hashes);
  }

  /**
   * Reads {@code file}, refusing one that is missing, not a regular file, open to its group or
   * others, owned by another user, too large or malformed ({@code file:line:col: error: ...}).
   */
  public static KeyFile read(Path file) {
    Map<String, Object> unix = attributes(file);
    checkPrivate(file, unix, true);
    long size = (Long) unix.get("size");
    if (size > MAX_BYTES) {
      throw new DuckstringException(
          file + ": error: the key file is larger than " + (MAX_BYTES >> 20) + " MiB");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new DuckstringException(file + ": error: cannot read: " + e.getMessage(), e);
    }
    return parse(file.toString(), AtomicFiles.decodeUtf8(bytes, file.toString()));
  }

  /** Parses the text of a key file named {@code source} in errors. */
  static KeyFile parse(String source, String text) {
    List<byte[]> hashes = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line =
          lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
      int start = 0;
      while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
        start++;
      }
      if (start == line.length() || line.charAt(start) == '#') {
        continue;
      }
      hashes.add(hash(source, i + 1, line, start));
    }
    return new KeyFile(hashes);
  }

  /** The hash of one line; never quotes the line, in case someone pasted a key there. */
  private static byte[] hash(String source, int lineNo, String line, int start) {
    int end = start;
    while (end < line.length() && !Character.isWhitespace(line.charAt(end))) {
      end++;
    }
    String word = line.substring(start, end);
    int hexAt = start + PREFIX.length();
    if (!word.startsWith(PREFIX)) {
      throw located(source, lineNo, start, "expected 'sha256:' and 64 hex digits");
    }
    String hex = word.substring(PREFIX.length());
    if (hex.length() != 64 || !hex.chars().allMatch(KeyFile::isHex)) {
      throw located(
          source,
          lineNo,
          hexAt,
          "expected 64 hex digits after 'sha256:' (the SHA-256 of a key), got "
              + hex.length()
              + " character(s)");
    }
    for (int c = end; c < line.length(); c++) {
      if (Character.isISOControl(line.charAt(c)) && line.charAt(c) != '\t') {
        throw located(source, lineNo, c, "a label may not hold control characters");
      }
    }
    return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
  }

  private static DuckstringException located(String source, int line, int index, String what) {
    return new DuckstringException(
        new Diagnostic(
                source,
                line,
                index + 1,
                what
                    + "; each line is 'sha256:<hex> [label]' (add keys with 'duckstring catchment"
                    + " key')")
            .toString());
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }

  /** How many keys the file holds. */
  public int size() {
    return hashes.size();
  }

  /**
   * True if {@code key} hashes to one of the file's hashes. Every hash is compared, each with
   * {@link MessageDigest#isEqual} (constant time), so the time taken says nothing about the key.
   */
  public boolean accepts(String key) {
    byte[] presented = sha256(key);
    boolean ok = false;
    for (byte[] h : hashes) {
      ok |= MessageDigest.isEqual(presented, h);
    }
    return ok;
  }

  /** The SHA-256 of {@code key}'s UTF-8 bytes. */
  public static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The key file's line for {@code key}: {@code sha256:<hex>}, then the label if any. */
  public static String line(String key, String label) {
    String hash = PREFIX + HexFormat.of().formatHex(sha256(key));
    return label == null || label.isBlank() ? hash : hash + " " + label.strip();
  }

  /** A fresh key: {@link #KEY_BYTES} bytes from {@link SecureRandom}, base64url, no padding. */
  public static String newKey() {
    byte[] b = new byte[KEY_BYTES];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /**
   * Refuses a key file under {@code ponds} (where the view serves published data from), so no route
   * can ever reach it.
   */
  public static void checkOutside(Path file, Path ponds) {
    Path f = real(file.toAbsolutePath().normalize());
    Path p = real(ponds.toAbsolutePath().normalize());
    if (f.startsWith(p)) {
      throw new DuckstringException(
          file + ": error: the key file may not lie under " + ponds + ", which the view serves");
    }
  }

  /** The real path of {@code p}, or of its nearest existing parent with the rest appended. */
  private static Path real(Path p) {
    Path existing = p;
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    if (existing == null) {
      return p;
    }
    try {
      return existing.toRealPath().resolve(existing.relativize(p));
    } catch (IOException e) {
      return p;
    }
  }

  /**
   * The file's {@code unix:} attributes (mode, uid, size, times, inode), following links; a
   * one-line error when it is missing or cannot be read.
   */
  static Map<String, Object> attributes(Path file) {
    try {
      return Files.readAttributes(file, "unix:mode,uid,size,lastModifiedTime,ctime,ino,dev");
    } catch (NoSuchFileException e) {
      throw new DuckstringException(
          file + ": error: no such key file (add a key with 'duckstring catchment key')");
    } catch (IOException | UnsupportedOperationException e) {
      throw new DuckstringException(file + ": error: cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Refuses a file that is not regular, that its group or others may read, write or enter, or (with
   * {@code ownerCheck}) that another user owns.
   */
  static void checkPrivate(Path file, Map<String, Object> unix, boolean ownerCheck) {
    int mode = (Integer) unix.get("mode");
    if ((mode & 0170000) != 0100000) {
      throw new DuckstringException(file + ": error: not a regular file");
    }
    if ((mode & 077) != 0) {
      throw new DuckstringException(
          String.format(
              "%s: error: the key file is open to its group or others (mode %04o); run 'chmod 600"
                  + " %s'",
              file, mode & 07777, file));
    }
    int uid = (Integer) unix.get("uid");
    long self = new UnixSystem().getUid();
    if (ownerCheck && uid != self) {
      throw new DuckstringException(
          file
              + ": error: the key file is owned by uid "
              + uid
              + ", not by the daemon's user (uid "
              + self
              + "); chown it");
    }
  }
}
