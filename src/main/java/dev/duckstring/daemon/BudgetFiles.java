package dev.duckstring.daemon;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.SignalStore;
import dev.duckstring.fs.FileReads;
import dev.duckstring.manifest.BudgetFile;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.RetryBudget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Each line's retry budget in effect: pond.toml's {@code [retry]} of the deployed version, with the
 * keys the operator's override file {@code budgets/m<major>.toml} sets. A bad override file is
 * reported and the last good one stays in effect. Used on the reactor thread only.
 */
final class BudgetFiles {
  private final CatchmentLayout layout;
  private final Map<LineId, RetryBudget> effective = new HashMap<>();
  private final Map<LineId, BudgetFile.Override> overrides = new HashMap<>();
  private final Map<LineId, String> seen = new HashMap<>();
  private final Map<LineId, String> errors = new HashMap<>();

  BudgetFiles(CatchmentLayout layout) {
    this.layout = layout;
  }

  /**
   * What changed for {@code line}: {@code budget} when the budget in effect changed (else null),
   * {@code error} the file's problem (null: none) when it changed ({@code errorChanged}); or only
   * which override file is in effect (all else null and false).
   */
  record Change(RetryBudget budget, boolean errorChanged, String error) {}

  /** Re-reads the override of {@code line} running a version whose pond.toml says {@code base}. */
  Change check(LineId line, RetryBudget base) {
    String before = errors.get(line);
    String overrideBefore = override(line);
    read(line);
    RetryBudget wanted = overrides.containsKey(line) ? overrides.get(line).over(base) : base;
    RetryBudget old = effective.put(line, wanted);
    String after = errors.get(line);
    boolean budgetChanged =
        !wanted.equals(old) && (old != null || !wanted.equals(RetryBudget.NONE));
    boolean errorChanged = !Objects.equals(before, after);
    return budgetChanged || errorChanged || !Objects.equals(overrideBefore, override(line))
        ? new Change(budgetChanged ? wanted : null, errorChanged, after)
        : null;
  }

  /** The budget in effect for {@code line} (none until it was checked). */
  RetryBudget budget(LineId line) {
    return effective.getOrDefault(line, RetryBudget.NONE);
  }

  /** The override file of {@code line}, relative to the root, when one is in effect; else null. */
  String override(LineId line) {
    return overrides.containsKey(line) ? name(line) : null;
  }

  private String name(LineId line) {
    return layout.root().relativize(layout.budget(line)).toString();
  }

  private void read(LineId line) {
    Path file = layout.budget(line);
    String name = name(line);
    byte[] bytes;
    try {
      // Like a trigger file: never followed, never opened unless a regular file within the bound.
      BasicFileAttributes a =
          Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!a.isRegularFile() || a.size() > SignalStore.MAX_BODY) {
        remember(
            line, "\0refused", null, name + ": error: not a small regular file; it is not read");
        return;
      }
      bytes = FileReads.readNoFollow(file, SignalStore.MAX_BODY);
    } catch (NoSuchFileException e) {
      remember(line, null, null, null);
      overrides.remove(line);
      return;
    } catch (IOException e) {
      errors.put(line, "cannot read " + name + ": " + e.getMessage());
      return;
    }
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    if (seen.containsKey(line) && Objects.equals(seen.get(line), text)) {
      return;
    }
    try {
      remember(line, text, BudgetFile.parse(name, bytes), null);
    } catch (DuckstringException e) {
      remember(line, text, null, e.getMessage());
    }
  }

  /** Notes the file's bytes; a good file's override takes effect, a bad one keeps the last. */
  private void remember(LineId line, String text, BudgetFile.Override parsed, String error) {
    seen.put(line, text);
    if (parsed != null) {
      overrides.put(line, parsed);
    }
    if (error == null) {
      errors.remove(line);
    } else {
      errors.put(line, error);
    }
  }
}
