/**
 * The command line: one class per command, each a function of its arguments and an {@link Env} that
 * returns an exit code (0 ok, 1 failure, 2 usage). The only package that imports jopt-simple;
 * nothing imports this package.
 */
package dev.duckstring.cli;
