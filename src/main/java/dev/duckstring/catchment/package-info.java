/**
 * The Catchment root as a database: {@link dev.duckstring.catchment.CatchmentLayout} is the one
 * class that builds paths; the stores read and write signals, triggers, status, run records and
 * published generations through it. Imports {@code model}, {@code fs} and {@code manifest}.
 */
package dev.duckstring.catchment;
