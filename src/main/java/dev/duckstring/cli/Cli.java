package dev.duckstring.cli;

import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Suggest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CLI as a function: {@code run(args, env)} returns 0 ok, 1 failure, 2 usage. */
public final class Cli {
  /** Exit code for success. */
  public static final int OK = 0;

  /** Exit code for a failure the user can read about in the one-line error. */
  public static final int FAILURE = 1;

  /** Exit code for wrong words on the command line. */
  public static final int USAGE = 2;

  private final Map<String, Command> commands = new LinkedHashMap<>();

  public Cli() {
    for (Command c :
        List.of(
            new CatchmentStartCommand(),
            new CatchmentConnectCommand(),
            new CatchmentListCommand(),
            new CatchmentKeyCommand(),
            new PondInitCommand(),
            new PondDemoCommand(),
            new PondHydrateCommand(),
            new PondRunCommand(),
            new PondTestCommand(),
            new DeployCommand(),
            new PulseCommand(SignalKind.PULSE),
            new PulseCommand(SignalKind.TAP),
            new TriggerCommand(TriggerCommand.Verb.WAVE),
            new TriggerCommand(TriggerCommand.Verb.TIDE),
            new TriggerCommand(TriggerCommand.Verb.STOP),
            new TriggerCommand(TriggerCommand.Verb.REMOVE),
            new ControlCommand(SignalKind.KILL),
            new ControlCommand(SignalKind.CLEAR),
            new ControlCommand(SignalKind.WAKE),
            new BudgetCommand(),
            new SchemaCommand(),
            new StatusCommand(),
            new RunsCommand(),
            new GetCommand(),
            new QueryCommand(),
            new RerunCommand(SignalKind.FORCE),
            new RerunCommand(SignalKind.REFRESH),
            new RerunCommand(SignalKind.REPAIR),
            new WaitCommand(),
            new YankCommand(true),
            new YankCommand(false))) {
      commands.put(c.name(), c);
    }
  }

  /** Runs one command line. */
  public static int run(String[] args, Env env) {
    return new Cli().dispatch(Arrays.asList(args), env);
  }

  int dispatch(List<String> args, Env env) {
    if (args.isEmpty()
        || args.get(0).equals("help")
        || args.get(0).equals("--help")
        || args.get(0).equals("-h")) {
      if (args.size() > 1 && !args.get(0).startsWith("-")) {
        return dispatch(concat(args.subList(1, args.size()), "--help"), env);
      }
      env.out().print(overview());
      return args.isEmpty() ? USAGE : OK;
    }
    Command command = null;
    int words = 0;
    if (args.size() >= 2 && commands.containsKey(args.get(0) + " " + args.get(1))) {
      command = commands.get(args.get(0) + " " + args.get(1));
      words = 2;
    } else if (commands.containsKey(args.get(0))) {
      command = commands.get(args.get(0));
      words = 1;
    }
    if (command == null) {
      String tried =
          args.size() >= 2 && isGroup(args.get(0)) ? args.get(0) + " " + args.get(1) : args.get(0);
      env.err()
          .println(
              "duckstring: unknown command '"
                  + tried
                  + "'"
                  + Suggest.hint(tried, commands.keySet())
                  + "; see 'duckstring --help'");
      return USAGE;
    }
    try {
      return command.run(args.subList(words, args.size()), env);
    } catch (UsageException e) {
      env.err().println("duckstring " + command.name() + ": " + e.getMessage());
      env.err().println("usage: " + command.usage());
      return USAGE;
    } catch (DuckstringException e) {
      env.err().println("duckstring " + command.name() + ": " + e.getMessage());
      return FAILURE;
    } catch (Exception e) {
      env.err().println("duckstring " + command.name() + ": unexpected error: " + oneLine(e));
      return FAILURE;
    }
  }

  /** A bug's one-line description: the innermost cause's kind and the first line of its message. */
  static String oneLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? "" : t.getMessage().lines().findFirst().orElse("");
    return t.getClass().getSimpleName() + (m.isEmpty() ? "" : ": " + m);
  }

  private boolean isGroup(String word) {
    return commands.keySet().stream().anyMatch(k -> k.startsWith(word + " "));
  }

  private static List<String> concat(List<String> a, String b) {
    List<String> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }

  /** The command list shown by {@code duckstring --help}. */
  String overview() {
    StringBuilder b = new StringBuilder();
    b.append("usage: duckstring COMMAND [ARGS] [--help]\n\n");
    b.append(
        "Versioned, pull-based data pipelines; a Catchment's root directory is its database.\n\n");
    int w = commands.keySet().stream().mapToInt(String::length).max().orElse(10);
    for (Command c : commands.values()) {
      b.append("  ")
          .append(c.name())
          .append(" ".repeat(w - c.name().length() + 2))
          .append(c.summary())
          .append('\n');
    }
    b.append(
        "\nExit codes: 0 ok, 1 failure, 2 usage. 'duckstring COMMAND --help' shows a command's options.\n");
    return b.toString();
  }

  /** Every command, for generated documentation and tests. */
  public List<String> usages() {
    return commands.values().stream().map(Command::usage).toList();
  }
}
