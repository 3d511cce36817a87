package dev.duckstring.manifest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

/**
 * The operator's {@code YANKED} file beside a deployed version: its presence yanks the version; its
 * optional TOML keys are {@code reason} (a string) and {@code yanked_at} (a date-time). It is read
 * leniently, since any file there means "do not run this": an empty file has no reason, and text
 * that is not such TOML is its own reason (its first non-blank line).
 */
public record YankFile(String reason, Instant yankedAt) {
  /** The file's name, directly inside {@code versions/<x.y.z>/}. */
  public static final String NAME = "YANKED";

  /** The longest reason kept from a file that is not TOML. */
  static final int MAX_REASON = 200;

  /** Reads a YANKED file's bytes; never fails. */
  public static YankFile parse(byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    TomlParseResult toml = Toml.parse(text);
    if (!toml.hasErrors()) {
      Object reason = toml.get("reason");
      Object at = toml.get("yanked_at");
      return new YankFile(
          reason instanceof String s && !s.isBlank() ? s.strip() : null,
          at instanceof OffsetDateTime t ? t.toInstant() : null);
    }
    String first = text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("");
    return new YankFile(
        first.isEmpty() ? null : first.substring(0, Math.min(MAX_REASON, first.length())), null);
  }

  /** The text {@code duckstring yank} writes: the reason (when given) and the time. */
  public static String toml(String reason, Instant at) {
    return (reason == null ? "" : "reason = " + TomlDoc.quote(reason) + "\n")
        + "yanked_at = "
        + at
        + "\n";
  }

  /** How status and the CLI quote the reason: {@code ("bad join")}, or nothing without one. */
  public String because() {
    return reason == null ? "" : " (\"" + reason + "\")";
  }
}
