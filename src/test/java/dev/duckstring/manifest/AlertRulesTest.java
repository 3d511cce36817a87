package dev.duckstring.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.duckstring.model.AlertConfig;
import dev.duckstring.model.AlertEvent;
import dev.duckstring.model.AlertRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** catchment.toml's [[alerts]] rules and default_sla, and pond.toml's sla: each bad input. */
class AlertRulesTest {
  @TempDir Path dir;

  private CatchmentConfig read(String toml) throws Exception {
    Path file = dir.resolve("catchment.toml");
    Files.writeString(file, "name = \"dev\"\n" + toml);
    return CatchmentConfig.read(file);
  }

  /** The one error of {@code toml}, without the directory. */
  private String error(String toml) {
    ManifestException e = assertThrows(ManifestException.class, () -> read(toml));
    assertEquals(1, e.diagnostics().size(), e.getMessage());
    return e.getMessage().replace(dir.toString() + "/", "");
  }

  @Test
  void readsRulesWithTheirDefaults() throws Exception {
    CatchmentConfig c =
        read(
            "default_sla = \"6h\"\n"
                + "[[alerts]]\n"
                + "on = [\"failed\", \"recovered\", \"stale\"]\n"
                + "command = [\"sh\", \"-c\", \"cat >> alerts.jsonl\"]\n"
                + "[[alerts]]\n"
                + "on = [\"blocked\", \"killed\"]\n"
                + "url = \"https://hooks.example.com/x\"\n"
                + "renotify = \"0s\"\n"
                + "timeout = \"3s\"\n"
                + "retries = 0\n"
                + "ponds = [\"sales\"]\n");
    AlertConfig a = c.alerts();
    assertEquals(Duration.ofHours(6), a.defaultSla());
    AlertRule first = a.rules().get(0);
    assertEquals(EnumSet.of(AlertEvent.FAILED, AlertEvent.RECOVERED, AlertEvent.STALE), first.on());
    assertEquals(List.of("sh", "-c", "cat >> alerts.jsonl"), first.command());
    assertNull(first.url());
    assertEquals(Duration.ofHours(1), first.renotify());
    assertEquals(Duration.ofSeconds(10), first.timeout());
    assertEquals(3, first.retries());
    AlertRule second = a.rules().get(1);
    assertEquals("https://hooks.example.com/x", second.url());
    assertEquals(Duration.ZERO, second.renotify());
    assertEquals(Duration.ofSeconds(3), second.timeout());
    assertEquals(0, second.retries());
    assertEquals(List.of("sales"), second.ponds());
    // catchment start --port rewrites the file: the rules survive it
    Files.writeString(dir.resolve("catchment.toml"), c.withPort(6000).toToml());
    assertEquals(a, CatchmentConfig.read(dir.resolve("catchment.toml")).alerts());
  }

  @Test
  void noRulesByDefault() throws Exception {
    assertEquals(AlertConfig.NONE, read("").alerts());
    Files.writeString(
        dir.resolve("catchment.toml"), CatchmentConfig.defaults("dev", 5000).toToml());
    assertEquals(AlertConfig.NONE, CatchmentConfig.read(dir.resolve("catchment.toml")).alerts());
  }

  @Test
  void eachBadRuleIsOneLineAtItsKey() {
    String rule = "[[alerts]]\n";
    assertEquals(
        "catchment.toml:3:16: error: 'alerts[1].on' has unknown event 'faild' (any of failed,"
            + " killed, blocked, recovered, stale) (did you mean 'failed'?)",
        error(rule + "on = [\"stale\", \"faild\"]\ncommand = [\"true\"]\n"));
    assertEquals(
        "catchment.toml:2:1: error: alert rule 1 has neither 'command' nor 'url' (where should it"
            + " go?)",
        error(rule + "on = [\"failed\"]\n"));
    assertEquals(
        "catchment.toml:5:1: error: alert rule 1 has both 'command' and 'url'; keep one",
        error(rule + "on = [\"failed\"]\ncommand = [\"true\"]\nurl = \"http://x/\"\n"));
    assertEquals(
        "catchment.toml:4:1: error: 'alerts[1].url' = \"ftp://host/x\" is not an http(s) URL",
        error(rule + "on = [\"failed\"]\nurl = \"ftp://host/x\"\n"));
    assertEquals(
        "catchment.toml:5:1: error: 'alerts[1].renotify' = \"-1h\" must not be negative (\"0s\":"
            + " never again)",
        error(rule + "on = [\"failed\"]\nurl = \"http://x/\"\nrenotify = \"-1h\"\n"));
    assertEquals(
        "catchment.toml:2:1: error: 'default_sla' = \"6x\" is not a duration (e.g. 30s, 15m, 4h,"
            + " 1h30m, 2d)",
        error("default_sla = \"6x\"\n"));
    assertEquals(
        "catchment.toml:3:1: error: alert rule 1 has no 'on' (any of failed, killed, blocked,"
            + " recovered, stale)",
        error("\n" + rule + "url = \"http://x/\"\n"));
    assertEquals(
        "catchment.toml:4:1: error: unknown key 'alerts[1].comand' (did you mean" + " 'command'?)",
        error(rule + "on = [\"failed\"]\ncomand = [\"true\"]\ncommand = [\"true\"]\n"));
    assertEquals(
        "catchment.toml:3:1: error: 'alerts[1].on' = [\"recovered\"] never fires: add the events"
            + " it recovers from",
        error(rule + "on = [\"recovered\"]\ncommand = [\"true\"]\n"));
    assertEquals(
        "catchment.toml:4:1: error: 'alerts[1].command' must name a program",
        error(rule + "on = [\"failed\"]\ncommand = []\n"));
  }

  @Test
  void aPondsSlaIsReadAndAMalformedOneIsRefusedAtItsKey() throws Exception {
    Path project = Files.createDirectories(dir.resolve("p"));
    Files.createDirectories(project.resolve("src"));
    Files.writeString(project.resolve("src/t.sql"), "SELECT 1 AS x");
    String head = "[pond]\nname = \"p\"\nversion = \"1.0.0\"\n";
    assertEquals(
        Duration.ofHours(6),
        ManifestReader.parse(project, "pond.toml", b(head + "sla = \"6h\"\n")).sla());
    assertNull(ManifestReader.parse(project, "pond.toml", b(head)).sla());
    ManifestException e =
        assertThrows(
            ManifestException.class,
            () -> ManifestReader.parse(project, "pond.toml", b(head + "sla = \"6x\"\n")));
    assertEquals(
        "pond.toml:4:1: error: 'pond.sla' = \"6x\" is not a duration (e.g. 30s, 15m, 4h, 1h30m,"
            + " 2d)",
        e.getMessage());
  }

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
