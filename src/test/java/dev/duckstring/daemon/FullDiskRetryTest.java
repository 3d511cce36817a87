package dev.duckstring.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.duckstring.model.LineId;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which failures are a full disk, and when their lines are retried. */
final class FullDiskRetryTest {
  private static final LineId A = new LineId("a", 1);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private long free = 4096;

  @Test
  void classifiesTheJdksDuckDbsAndShellsFullDiskMessages() {
    assertTrue(
        FullDiskRetry.isFullDisk(
            "ripple 'orders': IO Error: Could not write file \"/r/work/x/.tmp-orders.1/orders.parquet\": No space left on device"));
    assertTrue(FullDiskRetry.isFullDisk("cannot write /r/data/CURRENT: No space left on device"));
    assertTrue(FullDiskRetry.isFullDisk("exit 1: sh: write error: Disk quota exceeded"));
    assertFalse(
        FullDiskRetry.isFullDisk("Catalog Error: Table with name missing_table does not exist!"));
    assertFalse(FullDiskRetry.isFullDisk((String) null));
    assertTrue(
        FullDiskRetry.isFullDisk(
            new UncheckedIOException(
                new FileSystemException("/r/x", null, "No space left on device"))));
  }

  @Test
  void backsOffFromOneSecondToAMinute() {
    assertEquals(
        List.of(1L, 2L, 4L, 8L, 16L, 32L, 60L, 60L),
        IntStream.range(0, 8).mapToObj(i -> FullDiskRetry.backoff(i).toSeconds()).toList());
  }

  @Test
  void retriesOnlyFullDiskFailuresOfLinesStillFailedWhenDue() {
    FullDiskRetry retry = new FullDiskRetry(() -> free);
    retry.failed(A, "Catalog Error: no such table", T0);
    assertFalse(retry.any(), "a bug in the Pond is not retried");

    retry.failed(A, "IO Error: No space left on device", T0);
    assertEquals(List.of(), retry.due(T0.plusMillis(500), l -> true));
    assertEquals(List.of(A), retry.due(T0.plusSeconds(1), l -> true));
    assertEquals(
        List.of(), retry.due(T0.plusSeconds(2), l -> true), "next one 2 s after the first retry");
    retry.failed(A, "IO Error: No space left on device", T0.plusSeconds(2));
    assertEquals(List.of(), retry.due(T0.plusSeconds(3), l -> true));
    assertEquals(List.of(A), retry.due(T0.plusSeconds(4), l -> true));

    assertEquals(
        List.of(), retry.due(T0.plus(Duration.ofHours(1)), l -> false), "cleared meanwhile");
    assertFalse(retry.any());
    retry.failed(A, "No space left on device", T0);
    retry.succeeded(A);
    assertFalse(retry.any());
  }

  @Test
  void retriesAtOnceWhenSpaceCameBack() {
    FullDiskRetry retry = new FullDiskRetry(() -> free);
    for (int i = 0; i < 8; i++) {
      retry.failed(A, "No space left on device", T0);
      retry.due(T0.plusSeconds(60), l -> true);
    }
    retry.failed(A, "No space left on device", T0);
    assertEquals(List.of(), retry.due(T0.plusSeconds(1), l -> true), "backed off to a minute");
    free += FullDiskRetry.FREED;
    assertEquals(List.of(A), retry.due(T0.plusSeconds(1), l -> true));
  }
}
