/**
 * Durable file primitives: atomic replace, the reserved temporary-name pattern every scanner skips,
 * directory listings ({@link dev.duckstring.fs.Dirs}), tree deletion ({@link
 * dev.duckstring.fs.Trees}), whole and bounded file reads ({@link dev.duckstring.fs.FileReads}),
 * the JSON codec, JSON as plain Java values ({@link dev.duckstring.fs.JsonTree}) and the write
 * fence a daemon puts on its threads. Imports only {@code model}, the JDK and Gson.
 */
package dev.duckstring.fs;
