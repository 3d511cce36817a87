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

  /**
   * The words that select each command, in the order of the overview. Only the chosen command is
   * built (by {@link #build}): a command line loads one command class and its option parser, not
   * all of them (decision 52).
   */
  private static final List<String> NAMES =
      List.of(
          "catchment start",
          "catchment connect",
          "catchment list",
          "catchment key",
          "pond init",
          "pond demo",
          "pond hydrate",
          "pond run",
          "pond test",
          "deploy",
          "pulse",
          "tap",
          "wave",
          "tide",
          "stop",
          "trigger remove",
          "kill",
          "clear",
          "wake",
          "budget",
          "schema",
          "status",
          "runs",
          "get",
          "query",
          "force",
          "refresh",
          "repair",
          "wait",
          "yank",
          "unyank");

  private final Map<String, Command> built = new LinkedHashMap<>();

  private static Command build(String name) {
    return switch (name) {
      case "catchment start" -> new CatchmentStartCommand();
      case "catchment connect" -> new CatchmentConnectCommand();
      case "catchment list" -> new CatchmentListCommand();
      case "catchment key" -> new CatchmentKeyCommand();
      case "pond init" -> new PondInitCommand();
      case "pond demo" -> new PondDemoCommand();
      case "pond hydrate" -> new PondHydrateCommand();
      case "pond run" -> new PondRunCommand();
      case "pond test" -> new PondTestCommand();
      case "deploy" -> new DeployCommand();
      case "pulse" -> new PulseCommand(SignalKind.PULSE);
      case "tap" -> new PulseCommand(SignalKind.TAP);
      case "wave" -> new TriggerCommand(TriggerCommand.Verb.WAVE);
      case "tide" -> new TriggerCommand(TriggerCommand.Verb.TIDE);
      case "stop" -> new TriggerCommand(TriggerCommand.Verb.STOP);
      case "trigger remove" -> new TriggerCommand(TriggerCommand.Verb.REMOVE);
      case "kill" -> new ControlCommand(SignalKind.KILL);
      case "clear" -> new ControlCommand(SignalKind.CLEAR);
      case "wake" -> new ControlCommand(SignalKind.WAKE);
      case "budget" -> new BudgetCommand();
      case "schema" -> new SchemaCommand();
      case "status" -> new StatusCommand();
      case "runs" -> new RunsCommand();
      case "get" -> new GetCommand();
      case "query" -> new QueryCommand();
      case "force" -> new RerunCommand(SignalKind.FORCE);
      case "refresh" -> new RerunCommand(SignalKind.REFRESH);
      case "repair" -> new RerunCommand(SignalKind.REPAIR);
      case "wait" -> new WaitCommand();
      case "yank" -> new YankCommand(true);
      case "unyank" -> new YankCommand(false);
      default -> null;
    };
  }

  /** The command selected by {@code name}, built on first use; null when there is none. */
  Command command(String name) {
    Command c = built.get(name);
    if (c == null && NAMES.contains(name)) {
      c = build(name);
      built.put(name, c);
    }
    return c;
  }

  /** Every command, built (for the overview, generated documentation and tests). */
  List<Command> all() {
    List<Command> out = new ArrayList<>(); // loops, not streams: --help starts faster (decision 59)
    for (String name : NAMES) {
      out.add(command(name));
    }
    return out;
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
    Command command = args.size() >= 2 ? command(args.get(0) + " " + args.get(1)) : null;
    int words = 2;
    if (command == null) {
      command = command(args.get(0));
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
                  + Suggest.hint(tried, NAMES)
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
    return NAMES.stream().anyMatch(k -> k.startsWith(word + " "));
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
    int w = 0;
    for (String name : NAMES) {
      w = Math.max(w, name.length());
    }
    for (Command c : all()) {
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
    return all().stream().map(Command::usage).toList();
  }
}
