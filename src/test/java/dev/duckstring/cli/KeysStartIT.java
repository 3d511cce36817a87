package dev.duckstring.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.duckstring.http.KeyFile;
import dev.duckstring.testing.TestCatchment;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code catchment start} with keys: a view bound beyond loopback needs keys or {@code --insecure};
 * a key file that is missing, too open or malformed stops the start in one line, and nothing
 * changes. {@code catchment key}'s refusals change nothing either.
 */
class KeysStartIT {
  @TempDir Path tmp;

  /** Runs {@code catchment start [extra]}; fails the test if it starts instead of refusing. */
  private static TestCatchment.Result refused(TestCatchment c, String... extra) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CountDownLatch stop = new CountDownLatch(1);
    AtomicInteger code = new AtomicInteger(-1);
    Env env =
        c.env(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            stop);
    String[] args = new String[8 + extra.length];
    System.arraycopy(
        new String[] {
          "catchment", "start", "--name", "dev", "--port", "0", "--root", c.root().toString()
        },
        0,
        args,
        0,
        8);
    System.arraycopy(extra, 0, args, 8, extra.length);
    Thread t = new Thread(() -> code.set(Cli.run(args, env)));
    t.start();
    t.join(TestCatchment.PATIENCE.toMillis());
    if (t.isAlive() || out.toString(StandardCharsets.UTF_8).contains("running at")) {
      stop.countDown();
      t.join(TestCatchment.PATIENCE.toMillis());
      fail("the daemon started instead of refusing: " + out.toString(StandardCharsets.UTF_8));
    }
    TestCatchment.Result r =
        new TestCatchment.Result(
            code.get(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    assertEquals(1, r.code(), r.toString());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertFalse(Files.exists(c.layout().lock()), "no lease is held");
    return r;
  }

  private static void setConfig(TestCatchment c, String from, String to) throws Exception {
    Path config = c.layout().config();
    String text = Files.readString(config);
    assertTrue(text.contains(from), text);
    Files.writeString(config, text.replace(from, to));
  }

  private static int health(int port, String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void aWideBindNeedsKeysOrInsecure() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.stop();
      setConfig(c, "bind = \"127.0.0.1\"", "bind = \"0.0.0.0\"");
      String config = Files.readString(c.layout().config());
      TestCatchment.Result r = refused(c);
      assertEquals(
          "duckstring catchment start: "
              + c.layout().config()
              + ": bind = \"0.0.0.0\" serves the view beyond this machine without keys; set"
              + " read_keys_file (see 'duckstring catchment key --help'), bind to 127.0.0.1, or"
              + " pass --insecure\n",
          r.err());
      assertEquals(config, Files.readString(c.layout().config()), "nothing changes");

      c.start("--insecure");
      assertTrue(
          c.daemonOutput()
              .contains(
                  "warning: --insecure: the view on 0.0.0.0 has no keys; anyone who can reach its"
                      + " port reads every Pond's data"),
          c.daemonOutput());
      assertEquals(200, health(c.httpPort(), "/api/status"));
      c.stop();

      setConfig(c, "# read_keys_file = \"keys\"", "read_keys_file = \"keys\"");
      c.cli("catchment", "key", "dev", "--out", c.base().resolve("k").toString()).ok();
      c.start();
      assertFalse(c.daemonOutput().contains("warning"), c.daemonOutput());
      assertEquals(401, health(c.httpPort(), "/api/status"));
      assertEquals(200, health(c.httpPort(), "/health"));
      c.stop();

      setConfig(c, "read_keys_file = \"keys\"", "# read_keys_file = \"keys\"");
      for (String loopback : new String[] {"localhost", "127.0.0.2", "::1"}) {
        Files.writeString(
            c.layout().config(),
            Files.readString(c.layout().config())
                .replaceAll("bind = \"[^\"]*\"", "bind = \"" + loopback + "\""));
        c.start();
        assertFalse(c.daemonOutput().contains("warning"), loopback + ": " + c.daemonOutput());
        c.stop();
      }
    }
  }

  @Test
  void aBadKeyFileStopsTheStartInOneLine() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.stop();
      setConfig(c, "# read_keys_file = \"keys\"", "read_keys_file = \"keys\"");
      Path keys = c.root().resolve("keys");
      assertTrue(
          refused(c)
              .err()
              .endsWith(
                  keys
                      + ": error: no such key file (add a key with 'duckstring"
                      + " catchment key')\n"));

      Files.writeString(keys, KeyFile.line("k", "one") + "\n");
      Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-r-----"));
      assertEquals(
          "duckstring catchment start: "
              + keys
              + ": error: the key file is open to its group or others (mode 0640); run 'chmod 600 "
              + keys
              + "'\n",
          refused(c).err());

      Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(keys, KeyFile.line("k", "one") + "\nk-pasted-raw\n");
      String bad = refused(c).err();
      assertTrue(
          bad.startsWith("duckstring catchment start: " + keys + ":2:1: error: expected 'sha256:'"),
          bad);
      assertFalse(bad.contains("k-pasted-raw"), "the line is never quoted");

      // catchment key refuses to add to a malformed file, and changes nothing.
      String before = Files.readString(keys);
      TestCatchment.Result r = c.cli("catchment", "key", "dev");
      assertEquals(1, r.code(), r.toString());
      assertEquals("", r.out(), "no key is shown when none is added");
      assertTrue(
          r.err().startsWith("duckstring catchment key: " + keys + ":2:1: error: "), r.err());
      assertEquals(before, Files.readString(keys));

      Files.writeString(keys, KeyFile.line("k", "one") + "\n");
      c.start();
      c.stop();
    }
  }

  @Test
  void catchmentKeyPrintsTheKeyOnceAndRefusesBadInput() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.stop();
      TestCatchment.Result r = c.cli("catchment", "key", "dev");
      assertEquals(1, r.code(), r.toString());
      assertEquals(
          "duckstring catchment key: "
              + c.layout().config()
              + " sets no read_keys_file: add the line read_keys_file = \"keys\" to it, run this"
              + " again, then restart the daemon\n",
          r.err());
      setConfig(c, "# read_keys_file = \"keys\"", "read_keys_file = \"keys\"");
      Path keys = c.root().resolve("keys");

      r = c.cli("catchment", "key", "dev", "--label", "ci");
      assertEquals(0, r.code(), r.toString());
      String key = r.out().strip();
      assertTrue(key.matches("[A-Za-z0-9_-]{43}"), r.out());
      assertEquals(
          "added a key (ci) to "
              + keys
              + "; a daemon already reading it accepts the key at once (the key above is not shown"
              + " again)\n",
          r.err());
      assertTrue(KeyFile.read(keys).accepts(key));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));

      String before = Files.readString(keys);
      Path taken = Files.writeString(c.base().resolve("taken"), "x");
      for (String[] bad :
          new String[][] {
            {"catchment", "key", "dev", "--label", "two\nlines"},
            {"catchment", "key", "dev", "--out", taken.toString()},
            {"catchment", "key", "nope"},
          }) {
        r = c.cli(bad);
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());
      }
      assertEquals("x", Files.readString(taken));
      assertEquals(2, c.cli("catchment", "key").code());
      Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rw-rw-r--"));
      r = c.cli("catchment", "key", "dev");
      assertEquals(1, r.code());
      assertTrue(r.err().contains("open to its group or others (mode 0664)"), r.err());
      assertEquals(before, Files.readString(keys), "a refused key command changes nothing");
      assertTrue(c.cli("catchment", "key", "--help").ok().out().contains("--label"));
    }
  }
}
