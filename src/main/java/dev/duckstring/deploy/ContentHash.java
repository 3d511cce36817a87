package dev.duckstring.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * SHA-256 over a deployed tree: for each file in path order, {@code path NUL mode NUL} then the
 * SHA-256 of its bytes; mode is {@code f} (regular), {@code x} (executable) or {@code l} (symlink,
 * hashing its target).
 */
final class ContentHash {
  static final char REGULAR = 'f';
  static final char EXECUTABLE = 'x';
  static final char SYMLINK = 'l';

  private final Map<String, byte[]> entries = new TreeMap<>();

  /** Records one file by its {@code /}-separated relative path, mode and content digest. */
  void add(String relativePath, char mode, byte[] contentDigest) {
    byte[] entry = new byte[contentDigest.length + 1];
    entry[0] = (byte) mode;
    System.arraycopy(contentDigest, 0, entry, 1, contentDigest.length);
    entries.put(relativePath, entry);
  }

  /** The lower-case hex digest of every entry added so far. */
  String hex() {
    MessageDigest all = sha256();
    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
      all.update(e.getKey().getBytes(StandardCharsets.UTF_8));
      all.update((byte) 0);
      all.update(e.getValue()[0]);
      all.update((byte) 0);
      all.update(e.getValue(), 1, e.getValue().length - 1);
    }
    return HexFormat.of().formatHex(all.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }

  /** Hex SHA-256 of a UTF-8 string. */
  static String of(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
