package dev.duckstring.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads one request's head (request line and headers, up to the blank line) with a size bound and a
 * deadline, before NanoHTTPD sees it: a request line that does not fit is 414, headers that do not
 * fit are 431, a head that trickles in too slowly is 408.
 */
final class RequestHead {
  /** The largest head: NanoHTTPD parses a head from one buffer of this size. */
  static final int MAX_BYTES = 8192;

  private RequestHead() {}

  /**
   * The next head from {@code in}, ending with its blank line; null when the client closed the
   * connection before sending a byte. Reads nothing past the blank line.
   */
  static byte[] read(InputStream in, int maxBytes, long deadlineNanos) throws IOException {
    byte[] buf = new byte[maxBytes];
    int n = 0;
    boolean lineEnded = false;
    while (true) {
      int b = in.read();
      if (b < 0) {
        if (n == 0) {
          return null;
        }
        throw new IOException("the client closed the connection in the middle of a request");
      }
      if (n == maxBytes) {
        throw lineEnded
            ? new HttpFailure(431, "the request headers are longer than " + maxBytes + " bytes")
            : new HttpFailure(414, "the URL is longer than " + maxBytes + " bytes");
      }
      buf[n++] = (byte) b;
      if (b == '\n') {
        lineEnded = true;
        if (endsHead(buf, n)) {
          return Arrays.copyOf(buf, n);
        }
      }
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new HttpFailure(408, "the request head took too long to arrive");
      }
    }
  }

  /** Whether {@code buf[0..n)} ends with an empty line ({@code \n\n} or {@code \n\r\n}). */
  private static boolean endsHead(byte[] buf, int n) {
    return n >= 2 && (buf[n - 2] == '\n' || (n >= 3 && buf[n - 2] == '\r' && buf[n - 3] == '\n'));
  }
}
