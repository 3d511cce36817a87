package dev.duckstring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@link Names#isValid} is the regex {@code [a-z][a-z0-9_]{0,62}} (decision 59: by hand). */
class NamesTest {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

  @Test
  void sameAsTheRegex() {
    Random r = new Random(59);
    String alphabet = "abz09_A-.Z é";
    for (int i = 0; i < 200_000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = r.nextInt(i % 10 == 0 ? 70 : 6); n > 0; n--) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String s = b.toString();
      assertEquals(NAME.matcher(s).matches(), Names.isValid(s), s);
    }
    assertEquals(true, Names.isValid("a" + "_".repeat(62)));
    assertEquals(false, Names.isValid("a" + "_".repeat(63)));
    assertEquals(false, Names.isValid(null));
  }
}
