package dev.duckstring.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.Trigger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OtherTomlFilesTest {
  @TempDir Path dir;

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void catchmentConfigRoundTripsWithDefaults() throws Exception {
    CatchmentConfig c = CatchmentConfig.defaults("dev", 5000);
    Files.writeString(dir.resolve("catchment.toml"), c.toToml());
    CatchmentConfig back = CatchmentConfig.read(dir.resolve("catchment.toml"));
    assertEquals(c, back);
    assertEquals("127.0.0.1", back.bind());
    assertEquals(Duration.ofSeconds(2), back.pollInterval());
    assertTrue(back.watch());
  }

  @Test
  void catchmentConfigRejectsUnknownKeysAndBadValues() throws Exception {
    Files.writeString(
        dir.resolve("catchment.toml"), "name = \"dev\"\nprot = 5000\npoll_interval = \"soon\"\n");
    String e =
        assertThrows(
                ManifestException.class, () -> CatchmentConfig.read(dir.resolve("catchment.toml")))
            .getMessage();
    assertTrue(
        e.contains("catchment.toml:2:1: error: unknown key 'prot' (did you mean 'port'?)"), e);
    assertTrue(e.contains("catchment.toml:3:1: error: poll_interval 'soon' is not a duration"), e);
  }

  @Test
  void catchmentConfigReadsADefaultTimeout() throws Exception {
    Path file = dir.resolve("catchment.toml");
    assertNull(CatchmentConfig.defaults("dev", 5000).defaultTimeout(), "no limit by default");
    assertTrue(CatchmentConfig.defaults("dev", 5000).toToml().contains("# default_timeout = "));
    Files.writeString(file, "name = \"dev\"\ndefault_timeout = \"1h30m\"\n");
    CatchmentConfig c = CatchmentConfig.read(file);
    assertEquals(Duration.ofMinutes(90), c.defaultTimeout());
    assertEquals(Duration.ofMinutes(90), c.withPort(6000).defaultTimeout());
    Files.writeString(file, c.toToml());
    assertEquals(c, CatchmentConfig.read(file));
    assertTrue(c.toToml().contains("\ndefault_timeout = \"1h30m\"\n"), c.toToml());
  }

  @Test
  void catchmentConfigRejectsAMalformedDefaultTimeoutAtItsKey() throws Exception {
    Path file = dir.resolve("catchment.toml");
    for (String[] bad :
        new String[][] {
          {"10x", "is not a duration (e.g. 30s, 15m, 4h, 1h30m, 2d)"},
          {"-1m", "is not a duration (e.g. 30s, 15m, 4h, 1h30m, 2d)"},
          {"0s", "must be longer than zero"}
        }) {
      Files.writeString(
          file, "name = \"dev\"\nworkers = 2\ndefault_timeout = \"" + bad[0] + "\"\n");
      String e =
          assertThrows(ManifestException.class, () -> CatchmentConfig.read(file)).getMessage();
      assertEquals(file + ":3:1: error: 'default_timeout' = \"" + bad[0] + "\" " + bad[1], e);
    }
  }

  @Test
  void catchmentConfigReadsTheRotationOfEventsLog() throws Exception {
    Path file = dir.resolve("catchment.toml");
    CatchmentConfig d = CatchmentConfig.defaults("dev", 5000);
    assertEquals(new EventsRotation(64L << 20, 5), d.events(), "64 MB, keep 5 by default");
    assertTrue(d.toToml().contains("\n# events_max_size = \"64MB\"\n# events_keep = 5\n"));
    Files.writeString(file, "name = \"dev\"\nevents_max_size = \"4KB\"\nevents_keep = 0\n");
    CatchmentConfig c = CatchmentConfig.read(file);
    assertEquals(new EventsRotation(4096, 0), c.events());
    assertEquals(c.events(), c.withPort(6000).events());
    Files.writeString(file, c.toToml());
    assertEquals(c, CatchmentConfig.read(file));
    assertTrue(c.toToml().contains("\nevents_max_size = \"4KB\"\nevents_keep = 0\n"), c.toToml());
    Files.writeString(file, "name = \"dev\"\nevents_max_size = \"1GiB\"\n");
    assertEquals(new EventsRotation(1L << 30, 5), CatchmentConfig.read(file).events());
  }

  @Test
  void catchmentConfigRejectsABadRotationAtItsKey() throws Exception {
    Path file = dir.resolve("catchment.toml");
    for (String[] bad :
        new String[][] {
          {"events_max_size = \"64M\"", "'events_max_size' = \"64M\" is not a size"},
          {"events_max_size = \"0MB\"", "'events_max_size' = \"0MB\" must be larger than zero"},
          {"events_max_size = \"100B\"", "'events_max_size' = \"100B\" must be at least 1KB"},
          {"events_max_size = 4096", "'events_max_size' must be a size string such as \"64MB\""},
          {"events_max_size = \"99999999999GB\"", "is too large"},
          {"events_keep = -1", "'events_keep' = -1 must be 0 to 1000"},
          {"events_keep = 1001", "'events_keep' = 1001 must be 0 to 1000"},
          {"events_keep = \"5\"", "'events_keep' must be an integer"},
          {"event_keep = 5", "unknown key 'event_keep' (did you mean 'events_keep'?)"}
        }) {
      Files.writeString(file, "name = \"dev\"\nworkers = 2\n  " + bad[0] + "\n");
      String e =
          assertThrows(ManifestException.class, () -> CatchmentConfig.read(file)).getMessage();
      assertTrue(e.startsWith(file + ":3:3: error: "), e);
      assertTrue(e.contains(bad[1]), e);
    }
  }

  @Test
  void registrationsSaveAndLoad() {
    Path file = dir.resolve("config.toml");
    Registrations.load(file).put("dev", "/data/dev", 5000).put("prod", "http://h:1", null);
    Registrations r = Registrations.load(file);
    assertEquals("/data/dev", r.require("dev").path());
    assertTrue(r.require("prod").isRemote());
    String e = assertThrows(DuckstringException.class, () -> r.require("dve")).getMessage();
    assertTrue(e.contains("unknown catchment 'dve' (did you mean 'dev'?)"), e);
  }

  @Test
  void registrationsKeepAKeyFileReference() throws Exception {
    Path file = dir.resolve("config.toml");
    Registrations.load(file)
        .put("dev", "/data/dev", 5000)
        .put(new Registrations.Entry("prod", "http://h:1", null, "/home/me/prod.key"));
    Registrations r = Registrations.load(file);
    assertEquals("/home/me/prod.key", r.require("prod").keyFile());
    assertNull(r.require("dev").keyFile());
    assertEquals(new Registrations.Entry("dev", "/data/dev", 5000), r.require("dev"));
    assertTrue(Files.readString(file).contains("key_file = \"/home/me/prod.key\"\n"));
  }

  @Test
  void signalBodies() {
    assertNull(SignalFile.parse("s", b("")).major());
    assertEquals(2, SignalFile.parse("s", b("version = 2")).major());
    SignalFile exact = SignalFile.parse("s", b("version = \"1.2.0\""));
    assertEquals(1, exact.major());
    assertEquals("1.2.0", exact.exact().text());
    assertTrue(
        assertThrows(ManifestException.class, () -> SignalFile.parse("s", b("garbage ]]")))
            .getMessage()
            .startsWith("s:1:"));
    assertTrue(
        assertThrows(ManifestException.class, () -> SignalFile.parse("s", b("verison = 1")))
            .getMessage()
            .contains("did you mean 'version'?"));
    assertEquals("version = 3\n", SignalFile.body("3"));
    assertEquals("", SignalFile.body(null));
  }

  @Test
  void triggerFilesRoundTrip() {
    for (Trigger t :
        new Trigger[] {
          new Trigger.Wave(),
          new Trigger.Cron("15 2 * * *", true),
          new Trigger.Tide(Duration.ofHours(4))
        }) {
      assertEquals(t, TriggerFile.parse("t", b(TriggerFile.toml(t))));
    }
    String e =
        assertThrows(ManifestException.class, () -> TriggerFile.parse("t", b("kind = \"tide\"\n")))
            .getMessage();
    assertTrue(e.contains("exactly one of 'cron' or 'every'"), e);
    e =
        assertThrows(ManifestException.class, () -> TriggerFile.parse("t", b("kind = \"waves\"\n")))
            .getMessage();
    assertTrue(e.contains("must be \"wave\" or \"tide\""), e);
  }

  @Test
  void catchmentConfigReadsAKeyFileAndTellsLoopbackBinds() throws Exception {
    Path file = dir.resolve("catchment.toml");
    CatchmentConfig open = CatchmentConfig.defaults("dev", 5000);
    assertNull(open.readKeysFile());
    assertNull(open.readKeys(dir));
    assertTrue(open.toToml().contains("\n# read_keys_file = \"keys\"\n"), open.toToml());
    Files.writeString(file, "name = \"dev\"\nread_keys_file = \"secret/keys\"\n");
    CatchmentConfig c = CatchmentConfig.read(file);
    assertEquals(dir.resolve("secret/keys"), c.readKeys(dir));
    assertEquals("secret/keys", c.withPort(6000).readKeysFile());
    Files.writeString(file, c.toToml());
    assertEquals(c, CatchmentConfig.read(file));
    Files.writeString(file, "name = \"dev\"\nread_keys_file = \"/etc/dev.keys\"\n");
    assertEquals(Path.of("/etc/dev.keys"), CatchmentConfig.read(file).readKeys(dir));
    Files.writeString(file, "name = \"dev\"\nread_keys_file = \" \"\n");
    String e = assertThrows(ManifestException.class, () -> CatchmentConfig.read(file)).getMessage();
    assertTrue(e.contains("catchment.toml:2:1: error: 'read_keys_file' must name a file"), e);

    for (String loop : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"}) {
      assertTrue(CatchmentConfig.isLoopback(loop), loop);
    }
    for (String wide :
        new String[] {"0.0.0.0", "::", "10.0.0.1", "192.168.1.5", "example.com", "128.0.0.1"}) {
      assertFalse(CatchmentConfig.isLoopback(wide), wide);
    }
  }
}
