/**
 * The Catchment root as a database: {@link dev.duckstring.catchment.CatchmentLayout} is the one
 * class that builds paths; the stores read and write signals, triggers, status, run records and
 * published generations through it. {@link dev.duckstring.catchment.LineStatus} is the one status
 * record of a line (decision 26); {@link dev.duckstring.catchment.Lineage} filters those records to
 * a Pond and its upstream (decision 39). {@link dev.duckstring.catchment.PublishedLines} resolves
 * what a read names ({@code outlet}, {@code outlet@1}, {@code outlet@1.2.0}) to a line and its
 * published generation (decision 46). {@link dev.duckstring.catchment.Deployments} says which
 * version each line runs, by the rule of yanked versions in {@link dev.duckstring.catchment.Yanks}
 * (decision 45). {@link dev.duckstring.catchment.SchemaContract} is a line's schema contract, pure
 * (diff, the rollback rule), and {@link dev.duckstring.catchment.SchemaContracts} its {@code
 * contract.json} (decision 44). A run record carries its data tests' results, and {@link
 * dev.duckstring.catchment.TestSummary} is how status sums them up (decision 49). {@link
 * dev.duckstring.catchment.GroupCommit} writes the daemon's durable files of one reactor batch with
 * shared fsyncs (decision 58). Imports {@code model}, {@code fs} and {@code manifest}.
 *
 * <p>Signals are split over three packages, and only because layering demands it: what a signal
 * file says (its kind from its name, its version choice from its TOML body) is {@code
 * manifest.SignalKind} and {@code manifest.SignalFile}, since only {@code manifest} reads TOML; the
 * inbox protocol on disk (drop, claim, read safely, reject with a reason) is here, in {@link
 * dev.duckstring.catchment.SignalStore} with {@code SignalNames}, {@code SignalBody} and {@code
 * SignalDirs}; turning a claimed signal into an engine event is {@code daemon.SignalIntake}, since
 * only the daemon sees the engine.
 */
package dev.duckstring.catchment;
