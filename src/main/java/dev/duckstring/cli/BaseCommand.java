package dev.duckstring.cli;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Suggest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import joptsimple.OptionException;
import joptsimple.OptionParser;
import joptsimple.OptionSet;
import joptsimple.OptionSpec;

/** Parses a command's options with jopt-simple, handles {@code --help}, then runs it. */
abstract class BaseCommand implements Command {
  final OptionParser parser = new OptionParser();
  private final OptionSpec<Void> help;

  BaseCommand() {
    parser.posixlyCorrect(false);
    help = parser.acceptsAll(List.of("h", "help"), "show this help").forHelp();
  }

  @Override
  public final int run(List<String> args, Env env) throws Exception {
    OptionSet options;
    try {
      options = parser.parse(args.toArray(new String[0]));
    } catch (OptionException e) {
      for (String a : args.subList(0, args.contains("--") ? args.indexOf("--") : args.size())) {
        String m =
            a.matches("-[0-9].*") ? negative(a) : null; // jopt-simple takes "-1h" for options
        if (m != null) {
          throw new DuckstringException(m);
        }
      }
      throw new UsageException(describe(e));
    }
    if (options.has(help)) {
      env.out().print(help());
      return 0;
    }
    return execute(options, positional(options), env);
  }

  /**
   * The command's full help text: usage, summary and options (the option table as jopt-simple
   * prints it, by {@link HelpText}: decision 59).
   */
  final String help() {
    String nl = System.lineSeparator();
    return "usage: " + usage() + nl + nl + summary() + nl + nl + HelpText.of(parser);
  }

  /** jopt-simple's message, with "did you mean" for a mistyped option. */
  private String describe(OptionException e) {
    if (e.getMessage().endsWith("is not a recognized option") && !e.options().isEmpty()) {
      String bad = e.options().iterator().next();
      List<String> known =
          parser.recognizedOptions().keySet().stream().filter(k -> k.length() > 1).toList();
      return "'--"
          + bad
          + "' is not a recognized option"
          + Suggest.closest(bad, known).map(k -> " (did you mean '--" + k + "'?)").orElse("");
    }
    return e.getMessage();
  }

  abstract int execute(OptionSet options, List<String> args, Env env) throws Exception;

  /**
   * The error for a negative number given as an argument ({@code -1h}), or null if none applies.
   */
  String negative(String arg) {
    return null;
  }

  private static List<String> positional(OptionSet options) {
    List<String> out = new ArrayList<>(); // a loop: no stream on a command's path (decision 59)
    for (Object a : options.nonOptionArguments()) {
      out.add(String.valueOf(a));
    }
    return Collections.unmodifiableList(out);
  }

  /** Checks the number of positional arguments. */
  static void expect(List<String> args, int min, int max, String what) {
    if (args.size() < min) {
      throw new UsageException("missing " + what);
    }
    if (args.size() > max) {
      throw new UsageException(
          "unexpected argument '" + args.get(max) + "' (expected " + what + ")");
    }
  }
}
