/**
 * Values shared by every layer: names, versions, manifests, diagnostics, the "did you mean" hint
 * ({@link dev.duckstring.model.Suggest}) and the one user-facing exception type. Imports nothing but
 * the JDK and the semver library (version ordering is a value concern; see docs/decisions.md).
 */
package dev.duckstring.model;
