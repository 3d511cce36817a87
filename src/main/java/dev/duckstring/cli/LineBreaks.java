package dev.duckstring.cli;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The pieces between the line-break opportunities of a text, as the JDK's line {@link
 * BreakIterator} finds them, which jopt-simple's help wraps at (decision 59). For printable ASCII
 * the JDK's rules (a word: opening punctuation, then a run of plain characters or a number, then
 * dashes or closing punctuation; words joined by {@code $} or {@code '}; then spaces; then an
 * optional {@code ()}) are matched here, longest first, without loading the iterator and its locale
 * data (~30 ms of a start). Anything else, and the one shape where the JDK's compiled rules differ
 * from their text (a {@code $} or {@code '} then opening punctuation then a dash), goes to the
 * iterator itself. {@code LineBreaksTest} compares both on every help text and on random text.
 */
final class LineBreaks {
  private final String s;

  private LineBreaks(String s) {
    this.s = s;
  }

  /** The pieces of {@code text}: each ends where a line may break. */
  static List<String> pieces(String text) {
    List<String> out = new ArrayList<>();
    if (emulated(text)) {
      LineBreaks b = new LineBreaks(text);
      for (int start = 0; start < text.length(); ) {
        int end = b.longest(start);
        out.add(text.substring(start, end));
        start = end;
      }
      return out;
    }
    BreakIterator words = BreakIterator.getLineInstance();
    words.setText(text);
    int start = words.first();
    for (int end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
      out.add(text.substring(start, end));
    }
    return out;
  }

  /** True when {@code text} is one that this class breaks as the JDK does. */
  static boolean emulated(String text) {
    boolean joiner = false; // after $ or ', and any opening punctuation since
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c > 0x7e || (joiner && c == '-')) {
        return false;
      }
      joiner = joiner(c) || (joiner && pre(c));
    }
    return true;
  }

  // The JDK's character classes, within printable ASCII.
  private static final int SPACE = 0;
  private static final int DASH = 1;
  private static final int PRE = 2; // sticks to the word after it: $ ( [ { " '
  private static final int POST = 3; // sticks to the word before it: " ) ] } ! % . , : ; ?
  private static final int DIGIT = 4;
  private static final int MID_NUM = 5; // inside a number: . ,
  private static final int JOINER = 6; // joins two words: $ '
  private static final int PLAIN = 7; // anything not named above, digits included
  private static final int OPEN = 8; // (
  private static final int CLOSE = 9; // )
  private static final int NUMBER_PREFIX = 10; // PRE or DASH

  private static boolean pre(char c) {
    return c == '$' || c == '(' || c == '[' || c == '{' || c == '"' || c == '\'';
  }

  private static boolean post(char c) {
    return c == '"' || c == ')' || c == ']' || c == '}' || c == '!' || c == '%' || c == '.'
        || c == ',' || c == ':' || c == ';' || c == '?';
  }

  private static boolean joiner(char c) {
    return c == '$' || c == '\'';
  }

  private static boolean is(int cls, char c) {
    return switch (cls) {
      case SPACE -> c == ' ';
      case DASH -> c == '-';
      case PRE -> pre(c);
      case POST -> post(c);
      case DIGIT -> c >= '0' && c <= '9';
      case MID_NUM -> c == '.' || c == ',';
      case JOINER -> joiner(c);
      case PLAIN -> c != ' ' && c != '-' && !pre(c) && !post(c);
      case OPEN -> c == '(';
      case CLOSE -> c == ')';
      default -> pre(c) || c == '-';
    };
  }

  /** The end of the longest match of the rule from {@code start}; at least one character. */
  private int longest(int start) {
    BitSet at = new BitSet();
    at.set(start);
    BitSet words = joined(word(at));
    BitSet spaced = star(words, SPACE);
    BitSet end = union(spaced, star(one(one(spaced, OPEN), CLOSE), POST));
    return Math.max(start + 1, end.length() - 1);
  }

  /** word (JOINER word)*: words joined by $ or '. */
  private BitSet joined(BitSet words) {
    BitSet all = (BitSet) words.clone();
    BitSet frontier = words;
    while (!frontier.isEmpty()) {
      BitSet next = word(one(frontier, JOINER));
      next.andNot(all);
      all.or(next);
      frontier = next;
    }
    return all;
  }

  /** PRE* (PLAIN* | number) (DASH+ | POST*). */
  private BitSet word(BitSet at) {
    BitSet pre = star(at, PRE);
    BitSet core = union(star(pre, PLAIN), number(pre));
    return union(star(one(core, DASH), DASH), star(core, POST));
  }

  /** (PRE | DASH)* DIGIT+ (MID_NUM DIGIT+)*. */
  private BitSet number(BitSet at) {
    BitSet digits = star(one(star(at, NUMBER_PREFIX), DIGIT), DIGIT);
    BitSet all = (BitSet) digits.clone();
    BitSet frontier = digits;
    while (!frontier.isEmpty()) {
      BitSet next = star(one(one(frontier, MID_NUM), DIGIT), DIGIT);
      next.andNot(all);
      all.or(next);
      frontier = next;
    }
    return all;
  }

  /** The positions after one character of {@code cls} from any of {@code at}. */
  private BitSet one(BitSet at, int cls) {
    BitSet out = new BitSet();
    for (int p = at.nextSetBit(0); p >= 0 && p < s.length(); p = at.nextSetBit(p + 1)) {
      if (is(cls, s.charAt(p))) {
        out.set(p + 1);
      }
    }
    return out;
  }

  /** The positions after zero or more characters of {@code cls} from any of {@code at}. */
  private BitSet star(BitSet at, int cls) {
    BitSet all = (BitSet) at.clone();
    BitSet frontier = at;
    while (!frontier.isEmpty()) {
      BitSet next = one(frontier, cls);
      next.andNot(all);
      all.or(next);
      frontier = next;
    }
    return all;
  }

  private static BitSet union(BitSet a, BitSet b) {
    BitSet out = (BitSet) a.clone();
    out.or(b);
    return out;
  }
}
