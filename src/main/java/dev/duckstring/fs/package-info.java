/**
 * Durable file primitives: atomic replace, the reserved temporary-name pattern every scanner skips,
 * directory listings and directories ensured ({@link dev.duckstring.fs.Dirs}), file tests that
 * throw nothing ({@link dev.duckstring.fs.FileTests}), tree deletion ({@link
 * dev.duckstring.fs.Trees}), whole and bounded file reads ({@link dev.duckstring.fs.FileReads}),
 * the JSON codec ({@link dev.duckstring.fs.Json}, {@link dev.duckstring.fs.JsonScan} for reading
 * the daemon's own files without reflection, {@link dev.duckstring.fs.JsonTree} for JSON as plain
 * Java values), this process's id, the write fence a daemon puts on its threads and whether a path
 * is on a local disk ({@link dev.duckstring.fs.LocalDisks}). Imports only {@code model}, the JDK
 * and Gson.
 */
package dev.duckstring.fs;
