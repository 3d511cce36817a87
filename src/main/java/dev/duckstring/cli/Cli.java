package dev.duckstring.cli;

import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Suggest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The CLI as a function: {@code run(args, env)} returns 0 ok, 1 failure, 2 usage. */
public final class Cli {
  /** Exit code for success. */
  public static final int OK = 0;

  /** Exit code for a failure the user can read about in the one-line error. */
  public static final int FAILURE = 1;

  /** Exit code for wrong words on the command line. */
  public static final int USAGE = 2;

  /**
   * Every command by the words that select it, built only when chosen: a command line constructs
   * one command (its option parser and the classes it touches), not all of them (decision 52).
   */
  private static final Map<String, Supplier<Command>> REGISTRY = registry();

  private final Map<String, Command> built = new LinkedHashMap<>();

  private static Map<String, Supplier<Command>> registry() {
    Map<String, Supplier<Command>> r = new LinkedHashMap<>();
    r.put("catchment start", CatchmentStartCommand::new);
    r.put("catchment connect", CatchmentConnectCommand::new);
    r.put("catchment list", CatchmentListCommand::new);
    r.put("catchment key", CatchmentKeyCommand::new);
    r.put("pond init", PondInitCommand::new);
    r.put("pond demo", PondDemoCommand::new);
    r.put("deploy", DeployCommand::new);
    r.put("pulse", () -> new PulseCommand(SignalKind.PULSE));
    r.put("tap", () -> new PulseCommand(SignalKind.TAP));
    r.put("wave", () -> new TriggerCommand(TriggerCommand.Verb.WAVE));
    r.put("tide", () -> new TriggerCommand(TriggerCommand.Verb.TIDE));
    r.put("stop", () -> new TriggerCommand(TriggerCommand.Verb.STOP));
    r.put("trigger remove", () -> new TriggerCommand(TriggerCommand.Verb.REMOVE));
    r.put("kill", () -> new ControlCommand(SignalKind.KILL));
    r.put("clear", () -> new ControlCommand(SignalKind.CLEAR));
    r.put("wake", () -> new ControlCommand(SignalKind.WAKE));
    r.put("budget", BudgetCommand::new);
    r.put("schema", SchemaCommand::new);
    r.put("status", StatusCommand::new);
    r.put("runs", RunsCommand::new);
    r.put("get", GetCommand::new);
    r.put("query", QueryCommand::new);
    r.put("force", () -> new RerunCommand(SignalKind.FORCE));
    r.put("refresh", () -> new RerunCommand(SignalKind.REFRESH));
    r.put("repair", () -> new RerunCommand(SignalKind.REPAIR));
    r.put("wait", WaitCommand::new);
    r.put("yank", () -> new YankCommand(true));
    r.put("unyank", () -> new YankCommand(false));
    return r;
  }

  /** The command selected by {@code name}, built on first use; null when there is none. */
  Command command(String name) {
    Supplier<Command> s = REGISTRY.get(name);
    return s == null ? null : built.computeIfAbsent(name, n -> s.get());
  }

  /** Every command, built (for the overview, generated documentation and tests). */
  List<Command> all() {
    return REGISTRY.keySet().stream().map(this::command).toList();
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
                  + Suggest.hint(tried, REGISTRY.keySet())
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
    return REGISTRY.keySet().stream().anyMatch(k -> k.startsWith(word + " "));
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
    int w = REGISTRY.keySet().stream().mapToInt(String::length).max().orElse(10);
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
