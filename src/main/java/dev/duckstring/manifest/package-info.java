/**
 * Every TOML file the product reads or writes: pond.toml manifests, catchment.toml, the user's
 * registrations, signal and trigger files. Errors are collected as located diagnostics with "did
 * you mean" hints. The only package that imports tomlj; imports {@code model}.
 */
package dev.duckstring.manifest;
