package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link LineBreaks} finds the pieces the JDK's line {@link BreakIterator} finds (decision 59). */
class LineBreaksTest {
  private static final String PRINTABLE;

  static {
    StringBuilder b = new StringBuilder();
    for (char c = 0x20; c <= 0x7e; c++) {
      b.append(c);
    }
    PRINTABLE = b.toString();
  }

  @Test
  void everyHelpTextBreaksAsTheJdkBreaksIt() {
    for (Command c : new Cli().all()) {
      for (String line : ((BaseCommand) c).help().split("\n")) {
        assertEquals(jdk(line), LineBreaks.pieces(line), line);
      }
    }
  }

  @Test
  void randomTextBreaksAsTheJdkBreaksIt() {
    Random r = new Random(59);
    // Mostly punctuation, where the rules are: one representative of each letter-like class.
    String dense = " -$([{\"')]}!%.,:;?0123456789aZ#&*+/<=>@\\^_`|~";
    int emulated = 0;
    for (int i = 0; i < 100_000; i++) {
      String alphabet = i % 2 == 0 ? dense : PRINTABLE;
      StringBuilder b = new StringBuilder();
      for (int n = 1 + r.nextInt(24); n > 0; n--) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String s = b.toString();
      emulated += LineBreaks.emulated(s) ? 1 : 0;
      assertEquals(jdk(s), LineBreaks.pieces(s), s);
    }
    assertTrue(emulated > 50_000, "most random texts take the emulated path: " + emulated);
  }

  @Test
  void whatItDoesNotEmulateGoesToTheJdk() {
    for (String s : List.of("'--.", "x $(--!", "tab\there", "caf\u00e9 au lait", "a\u00a0b")) {
      assertFalse(LineBreaks.emulated(s), s);
      assertEquals(jdk(s), LineBreaks.pieces(s), s);
    }
  }

  private static List<String> jdk(String s) {
    BreakIterator it = BreakIterator.getLineInstance();
    it.setText(s);
    List<String> out = new ArrayList<>();
    int start = it.first();
    for (int end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
      out.add(s.substring(start, end));
    }
    return out;
  }
}
