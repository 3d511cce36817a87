/**
 * The read-only HTTP view of a Catchment: a GET-only JSON API, Prometheus metrics, Ripple downloads,
 * locked-down SQL and a self-contained dashboard, served by NanoHTTPD (the only package that imports
 * it). {@link dev.duckstring.http.HttpView} starts the server; {@link
 * dev.duckstring.http.RemoteCatchment} is the client the CLI uses for {@code http://} registrations.
 * It writes nothing. Imports {@code model}, {@code fs}, {@code manifest}, {@code catchment} and
 * {@code runner}.
 */
package dev.duckstring.http;
