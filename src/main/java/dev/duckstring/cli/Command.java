package dev.duckstring.cli;

import java.util.List;

/** One CLI command. */
interface Command {
  /** The words that select it, e.g. {@code "catchment start"}. */
  String name();

  /** One line for the command list. */
  String summary();

  /** The usage line(s), e.g. {@code duckstring pulse CATCHMENT POND [--version V]}. */
  String usage();

  /** Runs the command; returns the exit code. */
  int run(List<String> args, Env env) throws Exception;
}
