package dev.duckstring.cli;

import java.io.PrintStream;
import java.util.List;

/**
 * A block of lines redrawn in place on a terminal: cursor up over the last drawing, each line
 * erased and rewritten, then the rest of the screen below erased (plain ANSI, no library).
 */
final class LiveLines {
  private static final String ESC = "\u001b[";

  private final PrintStream out;
  private final int width;
  private int drawn;

  /** Draws on {@code out}, cutting each line to {@code width} columns so none wraps. */
  LiveLines(PrintStream out, int width) {
    this.out = out;
    this.width = Math.max(width, 10);
  }

  /** The terminal width from {@code COLUMNS}, or 120 when it is not set or not a number. */
  static int columns(String value) {
    try {
      return value == null ? 120 : Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 120;
    }
  }

  /** Replaces what the last call drew with {@code lines}. */
  void draw(List<String> lines) {
    StringBuilder b = new StringBuilder();
    if (drawn > 0) {
      b.append(ESC).append(drawn).append('F');
    }
    for (String line : lines) {
      b.append(ESC).append("2K").append(cut(line)).append('\n');
    }
    b.append(ESC).append('J');
    out.print(b);
    out.flush();
    drawn = lines.size();
  }

  private String cut(String line) {
    return line.length() <= width ? line : line.substring(0, width - 1) + "…";
  }
}
