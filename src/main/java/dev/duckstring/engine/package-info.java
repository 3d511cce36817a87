/**
 * The freshness/demand engine: a pure state machine {@code (state, event, now) -> actions}. No I/O,
 * no threads, no clock calls; time is passed in. Imports only {@code model} and the JDK. Demand
 * ({@code Demand}), starts ({@code RunStarts}), ends ({@code RunEnds}), triggers ({@code
 * TriggerClock}) and the operator's force, refresh and repair ({@code Reruns}). {@code LineChanges}
 * names the lines whose view or state changed since the daemon last asked (decision 60).
 */
package dev.duckstring.engine;
