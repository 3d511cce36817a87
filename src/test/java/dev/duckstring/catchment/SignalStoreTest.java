package dev.duckstring.catchment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.manifest.SignalKind;
import dev.duckstring.model.DuckstringException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalStoreTest {
  @TempDir Path root;
  private final Instant now = Instant.parse("2026-11-25T10:00:00Z");

  @Test
  void dropsUniqueNamesThatNeverCollide() {
    SignalStore s = new SignalStore(new CatchmentLayout(root));
    Path a = s.drop("outlet", SignalKind.PULSE, "", now);
    Path b = s.drop("outlet", SignalKind.PULSE, "", now);
    assertFalse(a.equals(b));
    assertEquals(2, s.waiting("outlet").size());
    assertEquals(SignalKind.PULSE, SignalKind.ofFileName(a.getFileName().toString()).orElseThrow());
  }

  @Test
  void claimMovesEachSignalOnceAndKeepsTheClaimTime() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    SignalStore s = new SignalStore(layout);
    Files.createDirectories(layout.signals("outlet"));
    Files.writeString(layout.signals("outlet").resolve("pulse"), ""); // a plain `touch`
    Files.writeString(layout.signals("outlet").resolve(".tmp-pulse.x"), ""); // in flight: skipped
    List<SignalStore.Claimed> claimed = s.claim("outlet", now);
    assertEquals(1, claimed.size());
    assertEquals("pulse", claimed.get(0).originalName());
    assertTrue(s.claim("outlet", now).isEmpty(), "a claimed signal is not claimed again");
    // A crash before done(): the claim survives with its time, for the next start.
    List<SignalStore.Claimed> again = new SignalStore(layout).unfinished("outlet");
    assertEquals(1, again.size());
    assertEquals(now, again.get(0).claimedAt());
    assertEquals("pulse", again.get(0).originalName());
    s.done(again.get(0));
    assertTrue(s.unfinished("outlet").isEmpty());
  }

  @Test
  void rejectMovesAsideWithAReason() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    SignalStore s = new SignalStore(layout);
    Files.createDirectories(layout.signals("p"));
    Files.writeString(layout.signals("p").resolve("bogus"), "!!");
    SignalStore.Claimed c = s.claim("p", now).get(0);
    Path moved = s.reject(c, "unknown signal 'bogus'");
    assertEquals("!!", Files.readString(moved));
    assertEquals(
        "unknown signal 'bogus'\n",
        Files.readString(moved.resolveSibling(moved.getFileName() + ".reason")));
    assertTrue(s.waiting("p").isEmpty());
    assertTrue(s.unfinished("p").isEmpty());
  }

  @Test
  void kindsComeFromTheFirstWord() {
    assertEquals(SignalKind.TAP, SignalKind.ofFileName("tap.from-cron").orElseThrow());
    assertEquals(SignalKind.DEMAND, SignalKind.ofFileName("demand").orElseThrow());
    assertTrue(SignalKind.ofFileName("pulses").isEmpty());
  }

  // ---- hostile inboxes: whatever is dropped is claimed by rename and rejected unread ----------

  /** Claims the one thing waiting in {@code p}'s inbox and rejects it the way the daemon does. */
  private static String claimAndReject(SignalStore s, String pond, Instant now) throws Exception {
    List<SignalStore.Claimed> claimed = s.claim(pond, now);
    assertEquals(1, claimed.size(), "whatever is dropped is claimed: " + claimed);
    SignalStore.Claimed c = claimed.get(0);
    DuckstringException e =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20), () -> assertThrows(DuckstringException.class, () -> s.body(c)));
    Path moved = s.reject(c, e.getMessage());
    assertTrue(Files.exists(moved, LinkOption.NOFOLLOW_LINKS), "moved aside: " + moved);
    assertTrue(s.waiting(pond).isEmpty());
    assertTrue(s.unfinished(pond).isEmpty());
    return Files.readString(SignalStore.reasonFile(moved));
  }

  @Test
  void aBodyOverTheBoundIsRejectedUnread() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    SignalStore s = new SignalStore(layout);
    Files.createDirectories(layout.signals("p"));
    Files.write(layout.signals("p").resolve("pulse.big"), new byte[(int) SignalStore.MAX_BODY + 1]);
    String reason = claimAndReject(s, "p", now);
    assertTrue(reason.contains("65537 bytes, over the limit of 65536"), reason);
    // At the bound exactly, it is read.
    Files.write(layout.signals("p").resolve("pulse.max"), new byte[(int) SignalStore.MAX_BODY]);
    assertEquals(SignalStore.MAX_BODY, s.body(s.claim("p", now).get(0)).length);
  }

  @Test
  void aDirectoryIsRejectedWithAReason() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    SignalStore s = new SignalStore(layout);
    Files.createDirectories(layout.signals("p").resolve("pulse.dir").resolve("inside"));
    String reason = claimAndReject(s, "p", now);
    assertTrue(reason.contains("'pulse.dir' is a directory"), reason);
    assertTrue(
        Files.isDirectory(
            layout.rejectedSignals("p").resolve(rejectedName(layout)).resolve("inside")));
  }

  private static String rejectedName(CatchmentLayout layout) throws Exception {
    try (var st = Files.list(layout.rejectedSignals("p"))) {
      return st.map(x -> x.getFileName().toString())
          .filter(n -> !n.endsWith(".reason"))
          .findFirst()
          .orElseThrow();
    }
  }

  @Test
  void aFifoIsRejectedAndNeverOpened() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    SignalStore s = new SignalStore(layout);
    Files.createDirectories(layout.signals("p"));
    mkfifo(layout.signals("p").resolve("pulse.fifo"));
    // Opening a FIFO with no writer blocks forever: the timeout in claimAndReject catches that.
    String reason = claimAndReject(s, "p", now);
    assertTrue(reason.contains("'pulse.fifo' is a FIFO"), reason);
  }

  @Test
  void aSymlinkIsRejectedNeverFollowedAndItsTargetIsNotDescribed() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    SignalStore s = new SignalStore(layout);
    Path outside = Files.createDirectories(root.resolveSibling(root.getFileName() + "-outside"));
    Path secret =
        Files.writeString(
            outside.resolve("shadow"), "root:$6$secret-hash-xyz:19000:0:99999:7:::\n");
    Path pipe = outside.resolve("pipe");
    mkfifo(pipe);
    Files.createDirectories(layout.signals("p"));
    Files.createSymbolicLink(layout.signals("p").resolve("pulse.shadow"), secret);
    String reason = claimAndReject(s, "p", now);
    assertTrue(reason.contains("'pulse.shadow' is a symbolic link"), reason);
    for (String leak : List.of("secret", "root:", ":1:", "shadow\"", "45", outside.toString())) {
      assertFalse(reason.contains(leak), "the reason tells nothing about the target: " + reason);
    }
    assertEquals(
        "rw-r-----",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(
                SignalStore.reasonFile(layout.rejectedSignals("p").resolve(rejectedName(layout))))),
        "a .reason is not world-readable");
    assertEquals(
        "root:$6$secret-hash-xyz:19000:0:99999:7:::\n",
        Files.readString(secret),
        "target untouched");
    // A link to a FIFO outside: were it followed and opened, this would block forever.
    Files.createSymbolicLink(layout.signals("p").resolve("tap.pipe"), pipe);
    String second =
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> claimAndReject(s, "p", now));
    assertTrue(second.contains("'tap.pipe' is a symbolic link"), second);
  }

  @Test
  void aNameTooLongToClaimIsRejectedUnderAShortNameAndBlocksNothing() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    SignalStore s = new SignalStore(layout);
    Files.createDirectories(layout.signals("p"));
    String longest = "pulse." + "a".repeat(249); // 255 bytes: NAME_MAX on Linux
    Files.writeString(layout.signals("p").resolve(longest), "");
    Files.writeString(layout.signals("p").resolve("pulse.ok"), "");
    Files.writeString(
        layout.signals("p").resolve("tap." + "b".repeat(SignalStore.MAX_NAME - 4)), "");
    List<SignalStore.Claimed> claimed = s.claim("p", now);
    assertEquals(3, claimed.size(), "nothing blocks the other signals: " + claimed);
    SignalStore.Claimed tooLong = claimed.get(0);
    assertTrue(
        tooLong.rejected().contains("255 bytes long, over the limit of 200"), tooLong.rejected());
    assertTrue(tooLong.originalName().length() < 70, tooLong.originalName());
    assertTrue(
        tooLong.file().startsWith(layout.rejectedSignals("p")), "rejected as it was claimed");
    assertEquals(
        tooLong.rejected() + "\n", Files.readString(SignalStore.reasonFile(tooLong.file())));
    assertEquals("pulse.ok", claimed.get(1).originalName());
    assertEquals(null, claimed.get(1).rejected());
    // The longest name that is claimed as it is still leaves room for its .reason.
    SignalStore.Claimed atBound = claimed.get(2);
    assertEquals(null, atBound.rejected());
    Path moved = s.reject(atBound, "unknown, say");
    assertEquals("unknown, say\n", Files.readString(SignalStore.reasonFile(moved)));
    assertEquals(1, s.unfinished("p").size(), "only pulse.ok waits to be applied");
  }

  @Test
  void namesWithNewlinesOrBadBytesAreRejectedUnderASafeName() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    SignalStore s = new SignalStore(layout);
    Path inbox = Files.createDirectories(layout.signals("p"));
    sh("touch \"$(printf 'pulse.new\\nline')\" \"$(printf 'pulse.bad\\377')\"", inbox);
    List<SignalStore.Claimed> claimed = s.claim("p", now);
    assertEquals(2, claimed.size(), claimed.toString());
    List<String> names = new ArrayList<>();
    for (SignalStore.Claimed c : claimed) {
      assertTrue(c.rejected() != null, c.toString());
      names.add(c.originalName());
      String name = c.file().getFileName().toString();
      assertFalse(name.contains("\n") || name.contains("\uFFFD"), name);
    }
    assertEquals(List.of("pulse.bad_", "pulse.new_line"), names);
    assertTrue(s.waiting("p").isEmpty());
  }

  @Test
  void aFileOrLinkPosingAsTheClaimedDirectoryIsMovedAside() throws Exception {
    CatchmentLayout layout = new CatchmentLayout(root);
    List<String> trouble = new ArrayList<>();
    SignalStore s = new SignalStore(layout, trouble::add);
    Path elsewhere =
        Files.createDirectories(root.resolveSibling(root.getFileName() + "-elsewhere"));
    Files.createDirectories(layout.signals("p"));
    Files.createSymbolicLink(layout.claimedSignals("p"), elsewhere);
    Files.writeString(layout.signals("p").resolve("pulse"), "");
    List<SignalStore.Claimed> claimed = s.claim("p", now);
    assertEquals(1, claimed.size());
    assertTrue(Files.isDirectory(layout.claimedSignals("p"), LinkOption.NOFOLLOW_LINKS));
    try (var st = Files.list(elsewhere)) {
      assertEquals(0, st.count(), "nothing was moved through the link");
    }
    assertEquals(1, trouble.size(), trouble.toString());
  }

  private static void mkfifo(Path p) throws Exception {
    sh("mkfifo \"$0\"", p.getParent(), p.toString());
  }

  private static void sh(String script, Path dir, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("sh", "-c", script));
    cmd.addAll(List.of(args));
    Process pr = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, pr.waitFor(), out);
  }
}
