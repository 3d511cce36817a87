/**
 * The daemon: the shell around the pure engine. It watches the root (events as hints, scans as
 * truth), turns signals, triggers and deploys into engine events, carries out the engine's actions
 * with the runner, publishes, and writes state, status and run records. A claimed signal becomes
 * an engine event in {@code SignalIntake}, here because it needs the engine (the rest of signal
 * handling is in {@code catchment} and {@code manifest}; see {@code catchment}'s package-info). May
 * import every package except {@code cli}; the only package that imports cron-utils.
 */
package dev.duckstring.daemon;
