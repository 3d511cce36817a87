package dev.duckstring.http;

/** The body of every error answer: {@code {"error": "one-line message"}}. */
public record ErrorReply(String error) {}
