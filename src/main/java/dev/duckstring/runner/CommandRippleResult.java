package dev.duckstring.runner;

/** What a command Ripple wrote: the regular files (dot-files excepted) under its output dir. */
public record CommandRippleResult(long files, long bytes) {}
