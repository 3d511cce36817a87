/**
 * The Catchment root as a database: {@link dev.duckstring.catchment.CatchmentLayout} is the one
 * class that builds paths; the stores read and write signals, triggers, status, run records and
 * published generations through it. {@link dev.duckstring.catchment.LineStatus} is the one status
 * record of a line (decision 26). Imports {@code model}, {@code fs} and {@code manifest}.
 */
package dev.duckstring.catchment;
