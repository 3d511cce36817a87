package dev.duckstring.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fenced thread (and the threads it starts) cannot rename one more file; other threads can. */
class WriteFenceTest {
  @TempDir Path tmp;

  @AfterEach
  void open() {
    WriteFence.remove();
  }

  @Test
  void aClosedFenceRefusesEveryWriteOfItsThreadsAndLeavesTheFileAsItWas() throws Exception {
    Path f = tmp.resolve("state.json");
    AtomicFiles.writeString(f, "mine\n");
    WriteFence.install(
        () -> {
          throw new IllegalStateException("lease lost");
        });
    assertThrows(IllegalStateException.class, () -> AtomicFiles.writeString(f, "late\n"));
    AtomicReference<Throwable> child = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              try {
                AtomicFiles.writeString(f, "child\n");
              } catch (Throwable e) {
                child.set(e);
              }
            });
    t.start();
    t.join();
    assertEquals(
        IllegalStateException.class,
        child.get().getClass(),
        "a thread started later inherits the fence");
    assertEquals("mine\n", Files.readString(f));
    try (var s = Files.list(tmp)) {
      assertEquals(1, s.count(), "no temporary is left behind");
    }
  }

  @Test
  void anUnfencedThreadWritesAsUsual() throws Exception {
    WriteFence.install(
        () -> {
          throw new IllegalStateException("lease lost");
        });
    Path f = tmp.resolve("signal");
    AtomicReference<Throwable> other = new AtomicReference<>();
    Thread t =
        new Thread(
            () -> {
              WriteFence.remove(); // as the CLI's own threads in the same JVM
              try {
                AtomicFiles.writeString(f, "pulse\n");
              } catch (Throwable e) {
                other.set(e);
              }
            });
    t.start();
    t.join();
    assertEquals(null, other.get());
    assertEquals("pulse\n", Files.readString(f));
  }
}
