package dev.duckstring.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import joptsimple.OptionDescriptor;
import joptsimple.OptionParser;
import joptsimple.OptionSpec;

/**
 * A parser's option table, byte for byte as jopt-simple's {@code BuiltinHelpFormatter} prints it
 * (80 columns, a 2-space gutter, descriptions wrapped at {@link LineBreaks}), without its resource
 * bundles and locale data (decision 59). Parsing and its error messages stay jopt-simple's; {@code
 * HelpTextTest} compares this with {@code printHelpOn} for every command.
 */
final class HelpText {
  private static final String NL = System.lineSeparator();
  private static final int WIDTH = 80;
  private static final int GUTTER = 2;
  private static final int INDENT = 2;

  private HelpText() {}

  /** The table {@code parser.printHelpOn} would print. */
  static String of(OptionParser parser) {
    Map<String, OptionDescriptor> sorted = new TreeMap<>(); // by first name, as jopt-simple sorts
    for (OptionSpec<?> spec : parser.recognizedOptions().values()) {
      OptionDescriptor d = (OptionDescriptor) spec;
      sorted.putIfAbsent(d.options().get(0), d);
    }
    Rows nonOptions = new Rows(WIDTH * 2, 0);
    Rows options = new Rows(WIDTH, GUTTER);
    List<OptionDescriptor> shown = new ArrayList<>();
    for (OptionDescriptor d : sorted.values()) {
      if (d.representsNonOptions()) {
        if (!empty(d.description())
            || !empty(d.argumentTypeIndicator())
            || !empty(d.argumentDescription())) {
          nonOptions.add("Non-option arguments:", "");
          nonOptions.add(nonOptionsLine(d), "");
        }
      } else {
        shown.add(d);
      }
    }
    if (shown.isEmpty()) {
      options.add("No options specified", "");
    } else {
      boolean required = false;
      for (OptionDescriptor d : shown) {
        required |= d.isRequired();
      }
      options.add(required ? "Option (* = required)" : "Option", "Description");
      options.add(required ? "---------------------" : "------", "-----------");
      for (OptionDescriptor d : shown) {
        options.add(optionCell(d), descriptionCell(d));
      }
    }
    nonOptions.fit();
    options.fit();
    String head = nonOptions.render();
    return head.isEmpty() ? options.render() : head + NL + options.render();
  }

  private static String nonOptionsLine(OptionDescriptor d) {
    StringBuilder b = new StringBuilder();
    argument(b, d);
    if (b.length() > 0 && !empty(d.description())) {
      b.append(" -- ");
    }
    return b.append(d.description()).toString();
  }

  private static String optionCell(OptionDescriptor d) {
    StringBuilder b = new StringBuilder(d.isRequired() ? "* " : "");
    List<String> names = d.options();
    for (int i = 0; i < names.size(); i++) {
      b.append(names.get(i).length() > 1 ? "--" : "-").append(names.get(i));
      if (i + 1 < names.size()) {
        b.append(", ");
      }
    }
    argument(b, d);
    return b.toString();
  }

  /** {@code <Type: desc>} for a required argument, {@code [Type: desc]} for an optional one. */
  private static void argument(StringBuilder b, OptionDescriptor d) {
    String description = d.argumentDescription();
    if (!d.acceptsArguments() && empty(description) && !d.representsNonOptions()) {
      return;
    }
    String type = d.argumentTypeIndicator();
    type =
        empty(type) || type.equals(String.class.getName())
            ? "String"
            : type.substring(type.lastIndexOf('.') + 1);
    b.append(' ').append(d.requiresArgument() ? '<' : '[').append(type);
    if (!empty(description)) {
      b.append(": ").append(description);
    }
    b.append(d.requiresArgument() ? '>' : ']');
  }

  private static String descriptionCell(OptionDescriptor d) {
    List<?> defaults = d.defaultValues();
    if (defaults.isEmpty()) {
      return d.description();
    }
    String shown = defaults.size() == 1 ? defaults.get(0).toString() : defaults.toString();
    return (d.description() + " (default: " + shown + ")").trim();
  }

  private static boolean empty(String s) {
    return s == null || s.isEmpty();
  }

  /** Two columns: widths from the widest cells, wrapped to fit, padded with spaces. */
  private static final class Rows {
    private final int width;
    private final int gutter;
    private final List<String[]> rows = new ArrayList<>();
    private int widestOption;
    private int widestDescription;

    Rows(int width, int gutter) {
      this.width = width;
      this.gutter = gutter;
    }

    void add(String option, String description) {
      rows.add(new String[] {option, description});
      widestOption = Math.max(widestOption, option.length());
      widestDescription = Math.max(widestDescription, description.length());
    }

    void fit() {
      int ow = optionWidth();
      int dw = descriptionWidth();
      List<String[]> raw = new ArrayList<>(rows);
      rows.clear();
      widestOption = 0;
      widestDescription = 0;
      for (String[] row : raw) {
        List<String> left = wrap(row[0], ow);
        List<String> right = wrap(row[1], dw);
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
          add(i < left.size() ? left.get(i) : "", i < right.size() ? right.get(i) : "");
        }
      }
    }

    String render() {
      StringBuilder b = new StringBuilder();
      for (String[] row : rows) {
        pad(b, row[0], optionWidth());
        pad(b, "", gutter);
        pad(b, row[1], descriptionWidth());
        b.append(NL);
      }
      return b.toString();
    }

    private int optionWidth() {
      return Math.min((width - gutter) / 2, widestOption);
    }

    private int descriptionWidth() {
      return Math.min(width - optionWidth() - gutter, widestDescription);
    }

    private static void pad(StringBuilder b, String s, int length) {
      b.append(s);
      for (int i = s.length(); i < length; i++) {
        b.append(' ');
      }
    }
  }

  /**
   * {@code text} cut into lines of at most {@code width} at break opportunities (a word longer than
   * the width gets a line of its own, after an empty one), each line after the first indented.
   */
  static List<String> wrap(String text, int width) {
    List<String> out = new ArrayList<>();
    for (String line : text.trim().split(NL)) {
      StringBuilder piece = new StringBuilder();
      for (String word : LineBreaks.pieces(line)) {
        if (piece.length() + word.length() > width) {
          out.add(stripTrailing(piece));
          piece = new StringBuilder(" ".repeat(INDENT)).append(word);
        } else {
          piece.append(word);
        }
      }
      if (piece.length() > 0) {
        out.add(piece.toString());
      }
    }
    return out;
  }

  /** Without trailing whitespace, as the regex {@code \s+$} strips it. */
  private static String stripTrailing(CharSequence s) {
    int end = s.length();
    while (end > 0 && " \t\n\u000B\f\r".indexOf(s.charAt(end - 1)) >= 0) {
      end--;
    }
    return s.subSequence(0, end).toString();
  }
}
