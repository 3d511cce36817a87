/**
 * Values shared by every layer: names, versions, manifests, diagnostics, the "did you mean" hint
 * ({@link dev.duckstring.model.Suggest}), the states of lines and runs ({@link
 * dev.duckstring.model.LineState}, {@link dev.duckstring.model.RunOutcome}; decision 26) and the
 * one user-facing exception type. Imports nothing but the JDK and the semver library (version
 * ordering is a value concern; see docs/decisions.md). {@link dev.duckstring.model.Trigger} is the
 * one type of a standing trigger, here so that the engine uses it too; it carries its state.json
 * and status forms (its TOML form is {@code manifest.TriggerFile}'s). {@link
 * dev.duckstring.model.AlertConfig}, {@link dev.duckstring.model.AlertRule} and {@link
 * dev.duckstring.model.AlertEvent} are catchment.toml's alert rules (decision 40). {@link
 * dev.duckstring.model.PondPin} is a Pond named for a read, pinned to a major or a version
 * (decision 46).
 */
package dev.duckstring.model;
