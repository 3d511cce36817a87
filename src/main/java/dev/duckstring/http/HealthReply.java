package dev.duckstring.http;

import java.time.Instant;

/** The body of {@code GET /health}: {@code ok} while the view answers. */
public record HealthReply(String status, String catchment, Instant now) {}
