/**
 * The daemon: the shell around the pure engine. It watches the root (events as hints, scans as
 * truth), turns signals, triggers and deploys into engine events, carries out the engine's actions
 * with the runner, publishes, and writes state, status and run records. A claimed signal becomes an
 * engine event in {@code SignalIntake}, here because it needs the engine (the rest of signal
 * handling is in {@code catchment} and {@code manifest}; see {@code catchment}'s package-info);
 * {@code ControlChecks} rejects an operator's verb (kill, clear, wake) that does not apply, and
 * {@code Receipts} names in status.json the run each applied signal caused (decision 38). May
 * import every package except {@code cli}; the only package that imports cron-utils.
 *
 * <p>{@code Daemon} is the lifecycle (constructed without I/O, then {@code start()}), and {@code
 * DaemonThreads} makes every thread. On the reactor thread, {@code Reactor} is the loop, {@code
 * RootScan} scans the root, {@code EngineDriver} owns the engine and persists, and {@code
 * ActionRunner} carries out the engine's actions. {@code Watcher} and {@code RippleWorkers} post
 * messages to the loop. {@code RippleRetries} re-runs a failed Ripple within its run (immediate
 * retries) and {@code BudgetFiles} follows each line's retry budget (pond.toml and the operator's
 * {@code budgets/} file). {@code Alerts} follows catchment.toml's alert rules and saves {@code
 * alerts/state.json}; the pure {@code Incidents} decides which alerts are due, and {@code
 * AlertDelivery} sends them on its own threads (decision 40). {@code YankJournal} journals the
 * operator's {@code YANKED} files as they come and go (decision 45). {@code ContractGate} checks a
 * run's tables against the line's schema contract before the publish and writes it after; {@code
 * ContractStatuses} shows it in status.json (decision 44). {@code DataTestGate} hands a run's data
 * tests to the workers ({@code TestWork}) between its last Ripple and its publish, which the
 * reactor completes or fails when their {@code TestsDone} comes back (decision 49). A SQL Ripple
 * with {@code engine = "spark"} runs through {@code SparkRipples}, a child JVM per run recorded
 * like a command's process group (decision 56). {@code SqlPrepare} parses a version's SQL on the
 * workers when {@code VersionCheck} first sees it check out, before its first Ripple (decision 57).
 * {@code BatchWrites} has each batch write the state and status of the lines that changed in it
 * only ({@code StatusWriter} into a {@code StatusSink}); {@code BatchAudit}, for tests, checks that
 * these are the files a full rebuild writes (decision 60). {@code DuckDbSettings} turns
 * catchment.toml's DuckDB limits into the options of the Ripples' and data tests' databases, each
 * spilling into its own directory under {@code cache/duckdb} (decision 64).
 */
package dev.duckstring.daemon;
