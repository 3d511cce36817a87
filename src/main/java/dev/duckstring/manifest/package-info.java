/**
 * Every TOML file the product reads or writes: pond.toml manifests, catchment.toml, the user's
 * registrations, trigger files, and what a signal file says ({@link
 * dev.duckstring.manifest.SignalKind} from its name, {@link dev.duckstring.manifest.SignalFile}
 * from its body; the inbox itself is {@code catchment.SignalStore}). Errors are collected as
 * located diagnostics with "did you mean" hints. {@code AlertRulesReader} reads catchment.toml's
 * {@code [[alerts]]} and {@code default_sla}; {@code DuckDbLimits} its {@code duckdb_memory_limit}
 * and {@code duckdb_threads}; {@code SparkSection} its {@code [spark]} (decision 55). {@code
 * RipplesReader} reads pond.toml's Ripples and their {@code engine}. {@code DataTestsReader} and
 * {@code TestFilesReader} read a Pond's data tests ({@code [ripples.<r>.checks]}, {@code
 * tests/*.sql}, decision 48). The only package that imports tomlj; imports {@code model} and {@code
 * fs}.
 */
package dev.duckstring.manifest;
