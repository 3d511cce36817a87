package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestHeadTest {
  private static final long LATER = System.nanoTime() + 60_000_000_000L;

  private static InputStream in(String text) {
    return new ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  private static String read(InputStream in, int max) throws IOException {
    byte[] head = RequestHead.read(in, max, LATER);
    return head == null ? null : new String(head, StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsOneHeadAndNothingPastIt() throws Exception {
    InputStream in = in("GET /a HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\n\n");
    assertEquals("GET /a HTTP/1.1\r\nHost: x\r\n\r\n", read(in, 100));
    assertEquals("GET /b HTTP/1.1\n\n", read(in, 100));
    assertNull(read(in, 100), "the client closed between requests");
  }

  @Test
  void aLongRequestLineIs414AndLongHeadersAre431() {
    HttpFailure url =
        assertThrows(HttpFailure.class, () -> read(in("GET /" + "a".repeat(200)), 100));
    assertEquals(414, url.status());
    assertEquals("the URL is longer than 100 bytes", url.getMessage());
    HttpFailure headers =
        assertThrows(
            HttpFailure.class, () -> read(in("GET / HTTP/1.1\r\nX: " + "b".repeat(200)), 100));
    assertEquals(431, headers.status());
  }

  @Test
  void aHeadExactlyAtTheBoundFitsAndOneByteMoreDoesNot() throws Exception {
    String head = "GET /" + "a".repeat(100 - 7) + "\n\n";
    assertEquals(100, head.length());
    assertArrayEquals(
        head.getBytes(StandardCharsets.ISO_8859_1), RequestHead.read(in(head), 100, LATER));
    assertEquals(
        431,
        assertThrows(HttpFailure.class, () -> read(in("GET /a" + head.substring(5)), 100)).status(),
        "the line fits, the blank line after it does not");
  }

  @Test
  void aHeadPastItsDeadlineIs408AndAHalfHeadIsAnError() {
    assertEquals(
        408,
        assertThrows(
                HttpFailure.class,
                () -> RequestHead.read(in("GET / HTTP/1.1\r\n"), 100, System.nanoTime() - 1))
            .status());
    assertThrows(IOException.class, () -> read(in("GET / HTTP/1.1\r\nHost"), 100));
  }
}
