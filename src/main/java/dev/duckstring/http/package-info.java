/**
 * The read-only HTTP view of a Catchment: a GET-only JSON API, Prometheus metrics, Ripple
 * downloads, locked-down SQL (run in {@code runner}'s query worker processes) and a self-contained
 * dashboard, served by NanoHTTPD (the only package that imports it, in {@link
 * dev.duckstring.http.NanoServer} and {@link dev.duckstring.http.BoundedRunner}). The daemon starts
 * it through {@link dev.duckstring.http.HttpView}, handing it the pools it runs on; {@link
 * dev.duckstring.http.Router} answers requests without NanoHTTPD types; with a {@code
 * read_keys_file}, {@link dev.duckstring.http.KeyGate} checks the bearer key of every request
 * before routing (keys hashed in a {@link dev.duckstring.http.KeyFile}); {@link
 * dev.duckstring.http.StatusPolls} holds the long-polls of {@code /api/status}. The view writes
 * nothing. {@link dev.duckstring.http.RemoteCatchment} is the client the CLI uses for {@code
 * http://} and {@code https://} registrations (sending the key of a {@link
 * dev.duckstring.http.ClientKey} file when the registration names one); it writes only the files of
 * a {@code get} into the directory it is given. Imports {@code model}, {@code fs}, {@code
 * catchment} and {@code runner} ({@code manifest} is allowed too).
 */
package dev.duckstring.http;
