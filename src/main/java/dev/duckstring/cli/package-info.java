/**
 * The command line: one class per command, each a function of its arguments and an {@link Env} that
 * returns an exit code (0 ok, 1 failure, 2 usage). The only package that imports jopt-simple, which
 * parses; {@code HelpText} prints its option tables (decision 59); nothing imports this package.
 * {@code --wait} is {@code RunFollow} (pure: what to show, when the wait ends) inside {@code
 * RunWaiter} (the polling loop over the files or the JSON API). {@code pond hydrate} and {@code
 * pond run} work in a Pond project's {@code ./puddles/} ({@code PuddleSide}: a local root or the
 * JSON API; decision 50).
 */
package dev.duckstring.cli;
