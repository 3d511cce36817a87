package dev.duckstring.model;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * One {@code [[alerts]]} rule of catchment.toml: which events it is told of and where the JSON goes
 * (a command's stdin, or a POST to a URL).
 *
 * @param on the events it is told of
 * @param command program and arguments that get the alert on stdin (empty when {@code url} is set)
 * @param url http(s) URL that gets the alert as a POST (null when {@code command} is set)
 * @param renotify how long an incident lasts before it is told again; zero: never again
 * @param timeout how long one delivery attempt may take before it is stopped
 * @param retries delivery attempts after the first one that failed
 * @param ponds the Ponds it covers; empty: every Pond
 */
public record AlertRule(
    Set<AlertEvent> on,
    List<String> command,
    String url,
    Duration renotify,
    Duration timeout,
    int retries,
    List<String> ponds) {
  public static final Duration DEFAULT_RENOTIFY = Duration.ofHours(1);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final int DEFAULT_RETRIES = 3;

  public AlertRule {
    on =
        Collections.unmodifiableSet(
            on.isEmpty() ? EnumSet.noneOf(AlertEvent.class) : EnumSet.copyOf(on));
    command = List.copyOf(requireNonNull(command, "command is null"));
    ponds = List.copyOf(requireNonNull(ponds, "ponds is null"));
    if (command.isEmpty() == (url == null)) {
      throw new IllegalArgumentException("an alert rule has exactly one of command and url");
    }
    if (renotify.isNegative() || timeout.isNegative() || timeout.isZero() || retries < 0) {
      throw new IllegalArgumentException("negative renotify, timeout or retries");
    }
  }

  /** True when it is told of {@code event} about Pond {@code pond}. */
  public boolean wants(AlertEvent event, String pond) {
    return on.contains(event) && (ponds.isEmpty() || ponds.contains(pond));
  }

  /** Where it delivers, as people read it: the URL, or the command's words. */
  public String destination() {
    return url != null ? url : String.join(" ", command);
  }

  /**
   * A stable name of the rule across reloads: 12 hex digits of SHA-256 of its destination (its
   * events and timings can change without losing what it was told).
   */
  public String id() {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  ((url != null ? "url\0" + url : "command\0" + String.join("\0", command)))
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
