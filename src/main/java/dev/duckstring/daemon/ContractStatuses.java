package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.ContractStatus;
import dev.duckstring.catchment.SchemaContract;
import dev.duckstring.catchment.SchemaContracts;
import dev.duckstring.fs.FileTests;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The contract each line's status shows: its file is read again only when its size, time or
 * identity changed, so a line's status costs one stat (decision 44); the periodic full scan stats
 * every line's file for an operator's edit (decision 60).
 */
final class ContractStatuses {
  private final CatchmentLayout layout;
  private final SchemaContracts contracts;
  private final Map<LineId, Seen> seen = new HashMap<>();

  private record Seen(Object stamp, ContractStatus status) {}

  ContractStatuses(CatchmentLayout layout) {
    this.layout = layout;
    this.contracts = new SchemaContracts(layout);
  }

  /** The contract of {@code line}, and what {@code refused} (the newest run's diff) would break. */
  ContractStatus of(LineId line, List<String> refused) {
    Path file = contracts.file(line);
    Object stamp = stamp(file);
    Seen s = seen.get(line);
    if (s == null || !s.stamp().equals(stamp)) {
      s = new Seen(stamp, read(line));
      seen.put(line, s);
    }
    return s.status().withRefused(refused);
  }

  /**
   * True when the contract file of {@code line} changed since its status last showed it (an
   * operator's edit: the daemon's own writes come with a publish or a reset, decision 60).
   */
  boolean changed(LineId line) {
    Seen s = seen.get(line);
    return s != null && !s.stamp().equals(stamp(contracts.file(line)));
  }

  private ContractStatus read(LineId line) {
    String name = layout.root().relativize(contracts.file(line)).toString();
    try {
      return ContractStatus.of(
          name, contracts.read(line).orElse(SchemaContract.empty(line.toString())));
    } catch (DuckstringException e) {
      return ContractStatus.garbled(name, e.getMessage());
    }
  }

  private static Object stamp(Path file) {
    if (!FileTests.exists(file)) {
      return "absent"; // as the read below says it, without its exception (decision 71)
    }
    try {
      BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
    } catch (IOException e) {
      return "absent";
    }
  }
}
