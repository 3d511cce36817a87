/**
 * The daemon: the shell around the pure engine. It watches the root (events as hints, scans as
 * truth), turns signals, triggers and deploys into engine events, carries out the engine's actions
 * with the runner, publishes, and writes state, status and run records. May import every package
 * except {@code cli}; the only package that imports cron-utils.
 */
package dev.duckstring.daemon;
