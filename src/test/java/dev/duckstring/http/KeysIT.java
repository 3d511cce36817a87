package dev.duckstring.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.testing.TestCatchment;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A view closed by {@code read_keys_file}, on a real daemon over real HTTP: 401 without a valid key
 * on every route but {@code /health}, the key file never served, the CLI sending the key from a
 * file whose path alone is registered.
 */
class KeysIT {
  @TempDir static Path tmp;
  static TestCatchment c;
  static String key;
  static Path keyFile;
  static Path keys;

  @BeforeAll
  static void closedDemo() throws Exception {
    c = new TestCatchment(tmp);
    c.start();
    c.deployDemos();
    c.cli("pulse", "dev", "outlet").ok();
    for (String line : List.of("inlet@1", "pond@1", "outlet@1")) {
      c.awaitRuns(line, 1);
    }
    c.stop();
    Files.writeString(
        c.layout().config(), "read_keys_file = \"keys\"\n", StandardOpenOption.APPEND);
    keyFile = c.base().resolve("dev.key");
    String made =
        c.cli("catchment", "key", "dev", "--label", "it", "--out", keyFile.toString()).ok().out();
    keys = c.root().resolve("keys");
    assertEquals(
        "wrote the new key to "
            + keyFile
            + "; added a key (it) to "
            + keys
            + "; a daemon already reading it accepts the key at once\n",
        made);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys)));
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    key = Files.readString(keyFile).strip();
    assertTrue(Files.readString(keys).contains(KeyFile.line(key, "it") + "\n"));
    assertFalse(Files.readString(keys).contains(key), "only the hash is kept");
    c.start();
  }

  @AfterAll
  static void stop() throws Exception {
    c.close();
  }

  private static Http open() {
    return new Http(c.httpPort());
  }

  private static Http with(String k) {
    return new Http(c.httpPort(), k);
  }

  @Test
  void everyRouteButHealthNeedsTheKey() throws Exception {
    List<String> routes =
        List.of(
            "/",
            "/dashboard.js",
            "/favicon.svg",
            "/metrics",
            "/api/status",
            "/api/ponds/outlet",
            "/api/runs?pond=outlet",
            "/api/ponds/outlet/ripples/daily",
            "/api/ponds/outlet/ripples/daily/daily.parquet",
            "/api/query?pond=outlet&ripple=daily");
    List<String> wrong = new ArrayList<>();
    for (String route : routes) {
      for (Http client : List.of(open(), with("not-" + key), with(key + "x"), with(""))) {
        Http.Answer a = client.get(route);
        if (a.status() != 401
            || !a.header("www-authenticate").startsWith("Bearer realm=\"duckstring\"")
            || !a.body().startsWith("{\n  \"error\": ")
            || a.body().contains("PAR1")) {
          wrong.add(route + " -> " + a.status() + " " + a.body());
        }
      }
      Http.Answer ok = with(key).get(route);
      if (ok.status() != 200) {
        wrong.add(route + " with the key -> " + ok.status() + " " + ok.body());
      }
    }
    assertEquals(List.of(), wrong);
    assertTrue(open().get("/api/status").body().contains(KeyGate.NEEDS_KEY));
    assertTrue(with("nope").get("/api/status").body().contains(KeyGate.BAD_KEY));
    assertTrue(
        with("nope").get("/api/status").header("www-authenticate").contains("invalid_token"));

    Http.Answer health = open().get("/health");
    assertEquals(200, health.status());
    assertTrue(health.body().contains("\"status\": \"ok\""), health.body());
    assertEquals(401, open().get("/health/").status(), "only /health itself is open");
    assertEquals(401, open().get("/nope").status(), "an unknown page says nothing without a key");
    assertEquals(404, with(key).get("/nope").status());
    assertEquals(401, open().raw("HEAD", "/api/status").status());
    assertEquals(200, open().raw("HEAD", "/health").status());
    assertEquals(
        401, open().send("POST", "/api/status", HttpRequest.BodyPublishers.ofString("x")).status());
    assertEquals(405, with(key).raw("DELETE", "/api/status").status());
  }

  @Test
  void theKeyFileIsNeverServed() throws Exception {
    Path current = c.layout().current(new LineId("outlet", 1));
    Path gen = current.resolveSibling(Files.readString(current).strip());
    List<Path> links =
        List.of(
            Files.createSymbolicLink(gen.resolve("daily/keys"), keys),
            Files.createSymbolicLink(gen.resolve("daily/keys.csv"), keys),
            Files.createSymbolicLink(gen.resolve("daily/root"), c.root()),
            Files.createSymbolicLink(gen.resolve("keys"), keys));
    try {
      List<String> tricks =
          List.of(
              "/keys",
              "/keys?x=1",
              "/../keys",
              "/%2e%2e/keys",
              "/%252e%252e/keys",
              "/api/keys",
              "/api/ponds/keys",
              "/api/ponds/outlet/ripples/keys",
              "/api/ponds/outlet/ripples/daily/keys",
              "/api/ponds/outlet/ripples/daily/keys.csv",
              "/api/ponds/outlet/ripples/daily/root/keys",
              "/api/ponds/outlet/ripples/daily/../../../../../../keys",
              "/api/ponds/outlet/ripples/daily/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/keys",
              "/api/ponds/outlet/ripples/daily/..%2f..%2f..%2f..%2f..%2f..%2fkeys",
              "/api/ponds/outlet/ripples/daily/%252e%252e%252f%252e%252e%252fkeys",
              "/api/ponds/outlet/ripples/daily/..%5c..%5c..%5ckeys",
              "/api/ponds/outlet/ripples/daily/" + keys.toString().replace("/", "%2f"),
              "/api/ponds/outlet/ripples/daily//" + keys,
              "/api/ponds/..%2f..%2f..%2fkeys/ripples/x",
              "/api/ponds/outlet/ripples/daily/..;/..;/keys",
              "/dashboard.js/%2e%2e/%2e%2e/keys",
              "/api/query?pond=outlet&sql=SELECT%20*%20FROM%20read_text('" + keys + "')",
              "/api/query?pond=outlet&sql=SELECT%20*%20FROM%20read_csv('../../../../keys')",
              "/api/runs?pond=..%2F..%2F..%2Fkeys",
              "/api/ponds/outlet/ripples/daily?version=..%2F..%2Fkeys");
      String hash = KeyFile.line(key, null).substring(KeyFile.PREFIX.length());
      List<String> leaks = new ArrayList<>();
      for (String path : tricks) {
        for (Http client : List.of(open(), with(key))) {
          Http.Answer a = client.raw("GET", path);
          String body = a.body();
          boolean refused = a.status() >= 400 || a.status() == 0;
          if (!refused || body.contains(hash) || body.contains("sha256:")) {
            leaks.add(path + " -> " + a.status() + " " + body);
          }
        }
      }
      assertEquals(List.of(), leaks);
      Http.Answer zip = with(key).get("/api/ponds/outlet/ripples/daily");
      assertEquals(200, zip.status());
      List<String> entries = new ArrayList<>();
      try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip.bytes()))) {
        for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
          entries.add(e.getName());
          assertFalse(new String(z.readAllBytes()).contains(hash), e.getName());
        }
      }
      assertEquals(List.of("daily/daily.parquet"), entries, "links to the key file are left out");
    } finally {
      for (Path link : links) {
        Files.delete(link);
      }
    }
  }

  @Test
  void connectWithAKeyFileStoresOnlyItsPathAndTheCliSendsTheKey() throws Exception {
    String url = c.httpUrl();
    Path regs = c.home().resolve(".duckstring/config.toml");
    String said =
        c.cli("catchment", "connect", "--name", "prod", "--path", url, "--key-file", "../dev.key")
            .ok()
            .out();
    assertEquals(
        "registered catchment 'prod' at "
            + url
            + " (read-only: status, get, query); its key is read from "
            + keyFile
            + "\n",
        said);
    String config = Files.readString(regs);
    assertTrue(config.contains("key_file = \"" + keyFile + "\""), config);
    assertFalse(config.contains(key), "the key itself is never stored: " + config);
    assertTrue(
        c.cli("catchment", "list").ok().out().contains("http (read-only, key " + keyFile + ")"),
        c.cli("catchment", "list").out());

    assertEquals(
        ages(c.cli("status", "dev", "--all").ok().out()),
        ages(c.cli("status", "prod", "--all").ok().out()));
    assertEquals(
        c.cli("query", "dev", "outlet", "--sql", "SELECT count(*) AS n FROM daily").ok(),
        c.cli("query", "prod", "outlet", "--sql", "SELECT count(*) AS n FROM daily").ok());
    c.cli("get", "prod", "outlet", "daily", "--path", "got").ok();
    assertTrue(Files.isRegularFile(c.cwd().resolve("got/daily.parquet")));

    // A wrong key, no key, a key file gone or opened up: one line, exit 1.
    Path wrongFile = c.base().resolve("wrong.key");
    Files.writeString(wrongFile, KeyFile.newKey() + "\n");
    Files.setPosixFilePermissions(wrongFile, PosixFilePermissions.fromString("rw-------"));
    c.cli("catchment", "connect", "--name", "wrong", "--path", url, "--key-file", "../wrong.key")
        .ok();
    c.cli("catchment", "connect", "--name", "nokey", "--path", url).ok();
    TestCatchment.Result r = c.cli("status", "wrong");
    assertEquals(1, r.code(), r.toString());
    assertEquals(
        "duckstring status: the catchment refused the key: catchment 'wrong' at "
            + url
            + " did not accept the key in "
            + wrongFile
            + " ("
            + KeyGate.BAD_KEY
            + ")\n",
        r.err());
    r = c.cli("query", "wrong", "outlet", "daily");
    assertEquals(1, r.code(), r.toString());
    assertTrue(r.err().startsWith("duckstring query: the catchment refused the key: "), r.err());
    r = c.cli("status", "nokey");
    assertEquals(1, r.code(), r.toString());
    assertEquals(
        "duckstring status: catchment 'nokey' at "
            + url
            + " needs a key: register it with 'duckstring catchment connect --name nokey --path "
            + url
            + " --key-file FILE'\n",
        r.err());
    Files.setPosixFilePermissions(wrongFile, PosixFilePermissions.fromString("rw-r--r--"));
    r = c.cli("get", "wrong", "outlet", "daily");
    assertEquals(1, r.code(), r.toString());
    assertEquals(
        "duckstring get: cannot read the key of catchment 'wrong': "
            + wrongFile
            + ": error: the key file is open to its group or others (mode 0644); run 'chmod 600 "
            + wrongFile
            + "'\n",
        r.err());
    Files.delete(wrongFile);
    r = c.cli("status", "wrong");
    assertEquals(
        "duckstring status: cannot read the key of catchment 'wrong': "
            + wrongFile
            + ": error: no such key file\n",
        r.err());

    // connect refuses a bad key file, or a key file for a path, and saves nothing.
    String before = Files.readString(regs);
    r = c.cli("catchment", "connect", "--name", "x", "--path", url, "--key-file", "../none.key");
    assertEquals(1, r.code(), r.toString());
    assertEquals(
        "duckstring catchment connect: "
            + c.base().resolve("none.key")
            + ": error: no such key file\n",
        r.err());
    Path raw = Files.writeString(c.base().resolve("raw.key"), "two words\n");
    Files.setPosixFilePermissions(raw, PosixFilePermissions.fromString("rw-------"));
    r = c.cli("catchment", "connect", "--name", "x", "--path", url, "--key-file", raw.toString());
    assertEquals(1, r.code(), r.toString());
    assertTrue(
        r.err().startsWith("duckstring catchment connect: " + raw + ":1:1: error: not a key"));
    r =
        c.cli(
            "catchment",
            "connect",
            "--name",
            "x",
            "--path",
            c.root().toString(),
            "--key-file",
            keyFile.toString());
    assertEquals(2, r.code(), r.toString());
    assertTrue(r.err().contains("--key-file is for a view registered by URL"), r.err());
    assertEquals(before, Files.readString(regs), "a refused connect saves nothing");
  }

  @Test
  void aNewKeyWorksAtOnceAndARevokedOneStops() throws Exception {
    Path second = c.base().resolve("second.key");
    c.cli("catchment", "key", "dev", "--out", second.toString()).ok();
    String k2 = Files.readString(second).strip();
    assertEquals(200, with(k2).get("/api/status").status());
    assertEquals(200, with(key).get("/api/status").status());

    String all = Files.readString(keys);
    String kept =
        String.join("\n", all.lines().filter(l -> !l.startsWith(KeyFile.line(k2, null))).toList())
            + "\n";
    Files.writeString(keys, kept); // in place: same inode, new size and time
    c.await("the revoked key to be refused", () -> status(k2) == 401);
    assertEquals(200, with(key).get("/api/status").status());
    String events = Files.readString(c.layout().eventsLog());
    assertTrue(events.contains("keys_reloaded"), c.eventsTail());
    assertFalse(events.contains(k2), "the journal names the file, never a key");
  }

  /** Ages ("3s ago") move between two runs of status, and the columns with them. */
  private static String ages(String table) {
    return table
        .replaceAll("\\d+(\\.\\d+)?(ms|s|m|h|d)( \\d+(s|m|h))?", "<age>")
        .replaceAll(" +", " ");
  }

  private static int status(String k) {
    try {
      return with(k).get("/api/status").status();
    } catch (Exception e) {
      return -1;
    }
  }
}
