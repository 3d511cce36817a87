package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import dev.duckstring.testing.TestCatchment;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever anyone drops into a Pond's inbox (links, FIFOs, directories, huge bodies, names too long
 * to claim or with bad bytes), the daemon rejects it with a reason, runs the good signals, keeps
 * going, and starts again.
 */
class HostileSignalsIT {
  private static final String SECRET = "root:$6$topsecret-hash:19000:0:99999:7:::";
  @TempDir Path tmp;

  @Test
  void noFileDroppedInTheInboxStopsTheCatchmentOrItsNextStart() throws Exception {
    try (TestCatchment c = new TestCatchment(tmp)) {
      c.start();
      c.deploySolo();

      Path inbox = c.layout().signals("solo");
      Path outside = Files.createDirectories(tmp.resolve("outside"));
      Path secret = Files.writeString(outside.resolve("shadow"), SECRET + "\n");
      mkfifo(outside.resolve("pipe"));
      // Dropped while the daemon runs; each lands at once (a rename from a dot-name), all together.
      Path stage = Files.createDirectories(inbox.resolve(".stage"));
      Files.createSymbolicLink(stage.resolve("pulse.shadow"), secret);
      Files.createSymbolicLink(stage.resolve("pulse.pipe"), outside.resolve("pipe"));
      Files.createDirectories(stage.resolve("pulse.dir"));
      mkfifo(stage.resolve("pulse.fifo"));
      Files.write(stage.resolve("pulse.huge"), new byte[1 << 20]);
      Files.write(stage.resolve("pulse.latin1"), new byte[] {'v', 'e', 'r', (byte) 0xff});
      Files.writeString(stage.resolve("pulse." + "a".repeat(249)), ""); // 255 bytes, sorts first
      sh(stage, "touch \"$(printf 'pulse.new\\nline')\" \"$(printf 'pulse.bad\\377')\"");
      Files.writeString(stage.resolve("pulse.normal"), "");
      sh(stage, "for f in * .[!.]*; do [ -e \"$f\" ] || [ -L \"$f\" ] && mv \"$f\" ..; done; true");
      Files.delete(stage);

      c.awaitRuns("solo@1", 2); // the normal pulse ran
      Path rejected = c.layout().rejectedSignals("solo");
      c.await("9 rejections", () -> count(rejected, ".reason") == 9, c::eventsTail);
      assertEquals(List.of("claimed", "rejected"), names(inbox), "nothing is left in the inbox");
      assertEquals(List.of(), names(c.layout().claimedSignals("solo")));
      String reasons = reasons(rejected);
      for (String expected :
          List.of(
              "'pulse.shadow' is a symbolic link",
              "'pulse.pipe' is a symbolic link",
              "'pulse.dir' is a directory",
              "'pulse.fifo' is a FIFO",
              "'pulse.huge' is 1048576 bytes, over the limit of 65536",
              "pulse.latin1: error: not valid UTF-8 at byte offset 3",
              "255 bytes long, over the limit of 200",
              "holds a control character",
              "not valid UTF-8; it was rejected under the name 'pulse.bad_'")) {
        assertTrue(reasons.contains(expected), expected + " in\n" + reasons);
      }
      String events = Files.readString(c.layout().eventsLog());
      assertFalse(
          reasons.contains("topsecret") || events.contains("topsecret"),
          "nothing of the target leaks");
      assertFalse(reasons.contains(outside.toString()) || events.contains(outside.toString()));
      assertTrue(
          Files.isSymbolicLink(rejected.resolve(only(rejected, "pulse.shadow"))),
          "moved as a link");
      assertEquals(
          "rw-r-----",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(
                  rejected.resolve(only(rejected, "pulse.shadow") + ".reason"))));
      assertEquals(SECRET + "\n", Files.readString(secret));

      // The daemon keeps going.
      c.cli("pulse", "dev", "solo").ok();
      c.awaitRuns("solo@1", 3);

      // Nothing dropped while it is down blocks the next start.
      c.stop();
      Files.writeString(inbox.resolve("tap." + "b".repeat(251)), "");
      mkfifo(inbox.resolve("pulse.fifo2"));
      Files.createSymbolicLink(inbox.resolve("pulse.shadow2"), secret);
      Files.writeString(inbox.resolve("pulse.after-restart"), "");
      c.start();
      c.awaitRuns("solo@1", 4);
      c.await("3 more rejections", () -> count(rejected, ".reason") == 12, c::eventsTail);
      assertEquals(List.of("claimed", "rejected"), names(inbox));

      // A trigger file is read the same way: a symlink or a FIFO is refused unread, and named.
      Path trigger = c.layout().trigger(new LineId("solo", 1));
      Files.createDirectories(trigger.getParent());
      Files.createSymbolicLink(trigger, secret);
      c.await(
          "the symlinked trigger to be refused",
          () -> String.valueOf(c.status("solo@1").error()).contains("not a regular file"),
          c::eventsTail);
      Files.delete(trigger);
      mkfifo(trigger);
      c.cli("pulse", "dev", "solo").ok();
      c.awaitRuns("solo@1", 5); // the FIFO never blocks the daemon
      String later = Files.readString(c.layout().eventsLog());
      assertFalse(later.contains("topsecret"), "nothing of the target leaks");
      Files.delete(trigger);
    }
  }

  private static void mkfifo(Path p) throws Exception {
    sh(p.getParent(), "mkfifo \"$0\"", p.toString());
  }

  private static void sh(Path dir, String script, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", script));
    cmd.addAll(List.of(args));
    Process pr = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, pr.waitFor(), out);
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static long count(Path dir, String suffix) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).count();
    } catch (IOException e) {
      return -1;
    }
  }

  private static String only(Path dir, String suffix) throws Exception {
    List<String> n = names(dir).stream().filter(x -> x.endsWith(suffix)).toList();
    assertEquals(1, n.size(), n.toString());
    return n.get(0);
  }

  private static String reasons(Path dir) throws Exception {
    StringBuilder b = new StringBuilder();
    for (String n : names(dir)) {
      if (n.endsWith(".reason")) {
        b.append(Files.readString(dir.resolve(n)));
      }
    }
    return b.toString();
  }
}
