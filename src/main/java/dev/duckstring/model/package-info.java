/**
 * Values shared by every layer: names, versions, manifests, diagnostics, the states of lines and
 * runs ({@link dev.duckstring.model.LineState}, {@link dev.duckstring.model.RunOutcome}; decision
 * 26) and the one user-facing exception type. Imports nothing but the JDK and the semver library
 * (version ordering is a value concern; see docs/decisions.md).
 */
package dev.duckstring.model;
