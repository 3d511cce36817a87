package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.fs.AtomicFiles;
import dev.duckstring.model.Names;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * File-system events as hints: watches {@code ponds/}, each Pond and its signals, triggers,
 * versions and budgets, and posts a {@link Msg.Rescan} for the Pond that changed. Overflow asks for
 * a full rescan; the periodic scan in the loop catches anything missed. An event whose handling
 * throws is journaled and asks for a full rescan too: nothing but {@link #close} ends watching.
 */
final class Watcher implements AutoCloseable {
  private final CatchmentLayout layout;
  private final Consumer<Msg> sink;
  private final WatchService service;
  private final Map<WatchKey, Path> keys = new ConcurrentHashMap<>();
  private final Consumer<String> problems;
  private final Consumer<Path> hook;
  private final Thread thread;

  /**
   * Registers the directories and starts watching on a thread from {@code threads}; a failed event
   * is told to {@code problems}. {@code hook} sees each changed path first (tests make it throw).
   */
  Watcher(
      CatchmentLayout layout,
      Consumer<Msg> sink,
      Consumer<String> problems,
      Consumer<Path> hook,
      DaemonThreads threads)
      throws IOException {
    this.layout = layout;
    this.sink = sink;
    this.problems = problems;
    this.hook = hook;
    this.service = FileSystems.getDefault().newWatchService();
    Files.createDirectories(layout.ponds());
    register(layout.ponds());
    try (Stream<Path> s = Files.list(layout.ponds())) {
      for (Path pond : s.toList()) {
        registerPond(pond);
      }
    }
    this.thread = threads.start("duckstring-watch", true, this::loop);
  }

  private void registerPond(Path pond) {
    String name = pond.getFileName().toString();
    if (!Names.isValid(name) || !Files.isDirectory(pond)) {
      return;
    }
    register(pond);
    register(layout.signals(name));
    register(layout.triggers(name));
    register(layout.versions(name));
    register(layout.budgets(name));
    registerVersions(layout.versions(name));
  }

  /** Each version directory too: a YANKED file written or removed inside it is a change. */
  private void registerVersions(Path versions) {
    if (!Files.isDirectory(versions)) {
      return;
    }
    try (Stream<Path> s = Files.list(versions)) {
      for (Path v : s.toList()) {
        if (!AtomicFiles.isTemporary(v.getFileName().toString()) && Files.isDirectory(v)) {
          register(v);
        }
      }
    } catch (IOException e) {
      sink.accept(new Msg.Rescan(null)); // the periodic scan covers what we cannot watch
    }
  }

  private void register(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        keys.put(
            dir.register(
                service,
                StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_DELETE,
                StandardWatchEventKinds.ENTRY_MODIFY),
            dir);
      }
    } catch (IOException e) {
      sink.accept(new Msg.Rescan(null)); // the periodic scan covers what we cannot watch
    }
  }

  private void loop() {
    while (true) {
      WatchKey key;
      try {
        key = service.take();
      } catch (ClosedWatchServiceException | InterruptedException e) {
        return;
      }
      Path dir = keys.get(key);
      for (WatchEvent<?> event : key.pollEvents()) {
        try {
          handle(dir, event);
        } catch (RuntimeException e) {
          failed(dir, event, e);
        }
      }
      if (!key.reset()) {
        keys.remove(key);
      }
    }
  }

  private void handle(Path dir, WatchEvent<?> event) {
    if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
      sink.accept(new Msg.Rescan(null));
      return;
    }
    Path name = (Path) event.context();
    if (AtomicFiles.isTemporary(name.toString())) {
      return;
    }
    Path changed = dir.resolve(name);
    hook.accept(changed);
    if (dir.equals(layout.ponds())) {
      registerPond(changed);
      sink.accept(new Msg.Rescan(name.toString()));
    } else {
      // dir is a Pond, one of its signals/, triggers/, versions/, or a version directory
      Path pondDir = layout.ponds().resolve(layout.ponds().relativize(dir).getName(0));
      String pond = pondDir.getFileName().toString();
      if (dir.getParent().equals(layout.ponds())) {
        if (!watched(pond, changed)) {
          return; // a line's own directory (m<major>/): the daemon's writes are no hint
        }
        if (Files.isDirectory(changed)) {
          register(changed); // created after the Pond
          if (changed.equals(layout.versions(pond))) {
            registerVersions(changed);
          }
        }
      } else if (dir.equals(layout.versions(pondDir.getFileName().toString()))
          && Files.isDirectory(changed)) {
        register(changed); // a version deployed (renamed into place): watch for its YANKED file
      } else if (event.kind() == StandardWatchEventKinds.ENTRY_DELETE
          && dir.equals(layout.signals(pond))) {
        return; // a signal claimed (or taken back by its writer): nothing new to do
      }
      sink.accept(new Msg.Rescan(pondDir.getFileName().toString()));
    }
  }

  /**
   * True for the entries of a Pond's directory that are watched (signals/, triggers/, versions/,
   * budgets/), not the lines' own directories, which only the daemon writes.
   */
  private boolean watched(String pond, Path entry) {
    return entry.equals(layout.signals(pond))
        || entry.equals(layout.triggers(pond))
        || entry.equals(layout.versions(pond))
        || entry.equals(layout.budgets(pond));
  }

  /**
   * One event whose handling failed: it is journaled and everything is rescanned (the scan is the
   * truth), and watching goes on, even when the journal cannot be written.
   */
  private void failed(Path dir, WatchEvent<?> event, RuntimeException e) {
    try {
      problems.accept(
          "watch event "
              + event.kind()
              + " "
              + event.context()
              + " in "
              + dir
              + ": "
              + e
              + "; rescanning everything");
    } catch (RuntimeException journal) {
      // a full disk or a lost lease: the rescan below still runs, and the loop says the rest
    }
    sink.accept(new Msg.Rescan(null));
  }

  @Override
  public void close() {
    try {
      service.close();
    } catch (IOException e) {
      // nothing to release beyond the service itself
    }
    thread.interrupt();
  }
}
