/**
 * The freshness/demand engine: a pure state machine {@code (state, event, now) -> actions}. No I/O,
 * no threads, no clock calls; time is passed in. Imports only {@code model} and the JDK.
 */
package dev.duckstring.engine;
