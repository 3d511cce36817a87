package dev.duckstring.catchment;

import java.nio.charset.StandardCharsets;

/**
 * The names signals are claimed and rejected under: which dropped names cannot be claimed as they
 * are, and the safe, short stand-in a rejected one is kept under.
 */
final class SignalNames {
  /** A rejected name is kept as at most this many UTF-8 bytes of its printable start. */
  static final int SHORT_NAME = 64;

  private SignalNames() {}

  /**
   * Why a dropped name cannot be claimed as it is, or null: longer than {@link
   * SignalStore#MAX_NAME} UTF-8 bytes, not valid UTF-8 (the platform decodes bad bytes to U+FFFD),
   * or holding a control character such as a newline.
   */
  static String problem(String name) {
    int bytes = name.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > SignalStore.MAX_NAME) {
      return "the signal name is "
          + bytes
          + " bytes long, over the limit of "
          + SignalStore.MAX_NAME
          + "; it was rejected under the shortened name '"
          + shorten(name)
          + "'";
    }
    if (name.indexOf('\uFFFD') >= 0) {
      return "the signal name is not valid UTF-8; it was rejected under the name '"
          + shorten(name)
          + "'";
    }
    if (name.chars().anyMatch(SignalNames::isControl)) {
      return "the signal name holds a control character (such as a newline);"
          + " it was rejected under the name '"
          + shorten(name)
          + "'";
    }
    return null;
  }

  /**
   * A safe, short stand-in for a bad name: control characters and undecodable bytes become {@code
   * _}, and only the first {@link #SHORT_NAME} UTF-8 bytes are kept ({@code ~} marks a cut).
   */
  static String shorten(String name) {
    StringBuilder b = new StringBuilder();
    int bytes = 0;
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      i += Character.charCount(cp);
      if (isControl(cp) || cp == 0xFFFD || cp == '/') {
        cp = '_';
      }
      int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + n > SHORT_NAME) {
        return b.append('~').toString();
      }
      b.appendCodePoint(cp);
      bytes += n;
    }
    return b.toString();
  }

  /** A reason on one line, as a {@code .reason} file holds it. */
  static String oneLine(String reason) {
    return reason.replaceAll("[\\r\\n]+", " ");
  }

  private static boolean isControl(int cp) {
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0);
  }
}
