package dev.duckstring.deploy;

import dev.duckstring.catchment.CatchmentLayout;
import dev.duckstring.catchment.Deployed;
import dev.duckstring.catchment.Deployments;
import dev.duckstring.catchment.Generations;
import dev.duckstring.deploy.DeployPlan.Change;
import dev.duckstring.deploy.DeployPlan.Pin;
import dev.duckstring.deploy.DeployPlan.PinState;
import dev.duckstring.deploy.DeployPlan.Sink;
import dev.duckstring.deploy.DeployPlan.SinkEffect;
import dev.duckstring.manifest.DeployRecord;
import dev.duckstring.model.DuckstringException;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondManifest;
import dev.duckstring.model.PondVersion;
import dev.duckstring.model.RippleSpec;
import dev.duckstring.model.SourcePin;
import dev.duckstring.model.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Works out a {@link DeployPlan} from a staged copy of the project (in a temporary directory
 * outside the root) and what the root holds, with the deploy's own checks; writes nothing in the
 * root.
 */
final class DeployPlanner {
  /** The contract file of a line, beside its data (issue 12). */
  static final String CONTRACT = "contract.json";

  private final CatchmentLayout layout;
  private final Deployments deployments;
  private final DeployChecks checks;

  DeployPlanner(CatchmentLayout layout, TreeCheck treeCheck) {
    this.layout = layout;
    this.deployments = new Deployments(layout);
    this.checks = new DeployChecks(deployments, treeCheck, layout.config());
  }

  /**
   * The plan for {@code manifest} (already validated as deploy reads it), staged at {@code staged}
   * with content {@code hash}, deployed as {@code record} ({@code force}: {@code --force}).
   */
  DeployPlan plan(
      PondManifest manifest, Path staged, DeployRecord record, String origin, boolean force) {
    LineId self = manifest.line();
    Map<LineId, Deployed> lines = deployments.lines(new HashMap<>());
    List<String> ponds = deployments.ponds();
    Optional<PondVersion> selected = deployments.selected(self);
    Change change = change(manifest, selected, record, ponds);
    String refusal = refusal(manifest, staged, change, force);
    boolean becomesSelected =
        selected.isEmpty() || manifest.version().compareTo(selected.get()) >= 0;
    Generations generations = new Generations(layout);
    Map<String, Path> sourceData = new TreeMap<>();
    for (SourcePin pin : manifest.sources()) {
      generations.current(pin.line()).ifPresent(dir -> sourceData.put(pin.pond(), dir));
    }
    return new DeployPlan(
        manifest,
        origin,
        change,
        selected.orElse(null),
        deployments.majors(manifest.name()),
        pins(manifest, lines, ponds),
        sinks(manifest, lines, becomesSelected),
        refusal,
        sqlTexts(manifest, staged),
        manifest.ripples().stream()
            .filter(r -> !r.isSql() || r.onSpark())
            .map(RippleSpec::name)
            .toList(),
        sourceData,
        generations.current(self).orElse(null),
        layout.line(self).resolve(CONTRACT));
  }

  private Change change(
      PondManifest manifest,
      Optional<PondVersion> selected,
      DeployRecord record,
      List<String> ponds) {
    if (!ponds.contains(manifest.name()) || deployments.versions(manifest.name()).isEmpty()) {
      return Change.NEW_POND;
    }
    if (selected.isEmpty()) {
      return Change.NEW_LINE;
    }
    Path target = layout.version(manifest.name(), manifest.version());
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return same(target, record) ? Change.IDENTICAL : Change.REDEPLOY;
    }
    return manifest.version().compareTo(selected.get()) > 0 ? Change.UPGRADE : Change.BESIDE;
  }

  private static boolean same(Path target, DeployRecord record) {
    Path file = target.resolve(SkipRules.DEPLOY_RECORD);
    try {
      DeployRecord old = DeployRecord.read(file);
      return VersionInstaller.sameDeploy(old, record)
          && VersionContent.hash(target).equals(old.contentHash());
    } catch (DuckstringException e) {
      return false; // unreadable: the deploy would count it as other content
    }
  }

  /** Why the deploy would be refused, in the deploy's own words, or null. */
  private String refusal(PondManifest manifest, Path staged, Change change, boolean force) {
    try {
      checks.validate(manifest);
      checks.validateTree(manifest, staged);
      VersionInstaller.checkStagedManifest(manifest, staged);
    } catch (DuckstringException e) {
      return e.getMessage().lines().findFirst().orElse("");
    }
    if (change == Change.REDEPLOY && !force) {
      return VersionInstaller.differentContent(manifest.name() + " " + manifest.version());
    }
    return null;
  }

  private static List<Pin> pins(
      PondManifest manifest, Map<LineId, Deployed> lines, List<String> ponds) {
    List<Pin> out = new ArrayList<>();
    for (SourcePin pin : manifest.sources()) {
      Deployed d = lines.get(pin.line());
      if (d != null) {
        PondVersion runs = d.manifest().version();
        PinState state = runs.compareTo(pin.min()) < 0 ? PinState.BELOW_PIN : PinState.SATISFIED;
        out.add(new Pin(pin, state, runs, null, d.manifest().deprecated()));
      } else if (ponds.contains(pin.pond())) {
        out.add(new Pin(pin, PinState.MISSING_MAJOR, null, null, null));
      } else {
        out.add(
            new Pin(
                pin,
                PinState.MISSING,
                null,
                Suggest.closest(pin.pond(), ponds).orElse(null),
                null));
      }
    }
    return out;
  }

  private static List<Sink> sinks(
      PondManifest manifest, Map<LineId, Deployed> lines, boolean becomesSelected) {
    List<Sink> out = new ArrayList<>();
    for (Deployed sink : lines.values()) {
      for (SourcePin pin : sink.manifest().sources()) {
        if (!pin.pond().equals(manifest.name())) {
          continue;
        }
        SinkEffect effect;
        if (pin.min().major() != manifest.version().major()) {
          effect = SinkEffect.OTHER_MAJOR;
        } else if (!becomesSelected) {
          effect = SinkEffect.STAYS;
        } else if (manifest.version().compareTo(pin.min()) < 0) {
          effect = SinkEffect.REFUSED;
        } else {
          effect = SinkEffect.MOVES;
        }
        out.add(new Sink(sink.line(), sink.manifest().version(), pin, effect));
      }
    }
    return out;
  }

  private static Map<String, String> sqlTexts(PondManifest manifest, Path staged) {
    Map<String, String> out = new LinkedHashMap<>();
    for (RippleSpec r : manifest.ripples()) {
      if (r.isSql() && !r.onSpark()) { // DuckDB describes its own SQL, not Spark's
        try {
          out.put(r.name(), Files.readString(staged.resolve(r.sql())));
        } catch (IOException e) {
          throw new DuckstringException(
              "cannot read " + r.sql() + " of the staged copy: " + TreeFiles.describe(e), e);
        }
      }
    }
    return out;
  }
}
