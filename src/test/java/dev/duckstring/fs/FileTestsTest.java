package dev.duckstring.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FileTests} answers as {@link Files#exists} and {@link Files#isDirectory} do, and {@link
 * Dirs#ensure} as {@link Files#createDirectories}; a durable write into an existing directory
 * throws no exception at all, not even one the JDK catches (decision 71).
 */
class FileTestsTest {
  @TempDir Path tmp;

  @Test
  void answersAsTheJdkDoesForEveryKindOfEntry() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("dir"));
    Path file = Files.writeString(tmp.resolve("file"), "x");
    List<Path> paths =
        List.of(
            dir,
            file,
            tmp.resolve("missing"),
            file.resolve("under-a-file"),
            Files.createSymbolicLink(tmp.resolve("to-dir"), dir),
            Files.createSymbolicLink(tmp.resolve("to-file"), file),
            Files.createSymbolicLink(tmp.resolve("dangling"), tmp.resolve("nowhere")));
    for (Path p : paths) {
      assertEquals(Files.exists(p), FileTests.exists(p), "exists " + p);
      assertEquals(Files.isDirectory(p), FileTests.isDirectory(p), "isDirectory " + p);
    }
  }

  @Test
  void ensureMakesWhatIsMissingAndRefusesAFileInTheWay() throws Exception {
    Path deep = tmp.resolve("a/b/c");
    Dirs.ensure(deep);
    assertTrue(Files.isDirectory(deep));
    Dirs.ensure(deep); // there already
    Path linked = Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("a"));
    Dirs.ensure(linked.resolve("b/d")); // through a link to a directory, as the JDK goes
    assertTrue(Files.isDirectory(tmp.resolve("a/b/d")));
    Path file = Files.writeString(tmp.resolve("f"), "x");
    assertThrows(FileAlreadyExistsException.class, () -> Dirs.ensure(file));
    assertThrows(FileAlreadyExistsException.class, () -> Dirs.ensure(file.resolve("x/y")));
    assertEquals("x", Files.readString(file));
  }

  @Test
  void threadsEnsuringTheSameTreeAllSucceed() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Throwable> failed = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  go.await();
                  Dirs.ensure(tmp.resolve("x/y/z"));
                } catch (Exception e) {
                  synchronized (failed) {
                    failed.add(e);
                  }
                }
              });
      t.start();
      threads.add(t);
    }
    go.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), failed);
    assertTrue(Files.isDirectory(tmp.resolve("x/y/z")));
  }

  @Test
  void aWriteIntoAnExistingDirectoryThrowsNothing() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("line"));
    Runnable work =
        () -> {
          try {
            for (int i = 0; i < 20; i++) {
              AtomicFiles.writeString(dir.resolve("status.json"), "{\"i\": " + i + "}\n");
              AtomicFiles.writeUnsynced(dir.resolve("log"), new byte[] {'x'});
            }
            Dirs.ensure(dir);
            Dirs.ensure(dir.resolve("runs/r1/work")); // three levels to make
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        };
    work.run(); // classes loaded before the recording
    Trees.delete(dir.resolve("runs"));
    Path dump = tmp.resolve("exceptions.jfr");
    try (Recording r = new Recording()) {
      r.enable("jdk.JavaExceptionThrow").withStackTrace();
      r.start();
      Thread t = new Thread(work, "no-exceptions");
      t.start();
      t.join();
      r.stop();
      r.dump(dump);
    }
    Map<String, Integer> thrown = new TreeMap<>();
    for (RecordedEvent e : RecordingFile.readAllEvents(dump)) {
      if (e.getThread() != null && "no-exceptions".equals(e.getThread().getJavaName())) {
        String where =
            e.getStackTrace().getFrames().stream()
                .map(f -> f.getMethod().getType().getName() + "." + f.getMethod().getName())
                .filter(m -> m.startsWith("dev.duckstring"))
                .findFirst()
                .orElse("?");
        thrown.merge(e.getClass("thrownClass").getName() + " in " + where, 1, Integer::sum);
      }
    }
    assertEquals(Map.of(), thrown);
    assertTrue(Files.isDirectory(dir.resolve("runs/r1/work")));
  }
}
