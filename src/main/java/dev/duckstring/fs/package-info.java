/**
 * Durable file primitives: atomic replace, the reserved temporary-name pattern every scanner skips,
 * directory listings and the JSON codec. Imports only {@code model}, the JDK and Gson.
 */
package dev.duckstring.fs;
