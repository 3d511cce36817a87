package dev.duckstring.cli;

import dev.duckstring.deploy.DeployPlan;
import dev.duckstring.deploy.DeployPlan.Change;
import dev.duckstring.deploy.DeployPlan.Pin;
import dev.duckstring.deploy.DeployPlan.Sink;
import dev.duckstring.model.LineId;
import dev.duckstring.model.PondManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code deploy --plan} as plain, aligned, stable text (no paths, no times) or as JSON: the line,
 * the Source pins, the Sinks, the schema, the risk and the result (decision 47).
 */
final class DeployPlanText {
  private static final int LABEL = 10;

  private DeployPlanText() {}

  /** The plan as {@code --json} prints it. */
  record Json(
      String pond,
      String version,
      String origin,
      String change,
      String replaces,
      String line,
      List<PinJson> sources,
      List<SinkJson> sinks,
      String schemaComparedWith,
      List<PlanSchema.Row> schema,
      List<String> breaking,
      boolean accepted,
      String refusal) {}

  /** One Source pin in {@code --json}. */
  record PinJson(String pond, String pin, boolean optional, String state, String text) {}

  /** One Sink in {@code --json}. */
  record SinkJson(String line, String version, String pin, String effect, String text) {}

  static Json json(DeployPlan plan, PlanSchema schema, boolean force) {
    PondManifest m = plan.manifest();
    return new Json(
        m.name(),
        m.version().text(),
        plan.origin(),
        word(plan.change()),
        plan.selected() == null ? null : plan.selected().text(),
        line(plan, force),
        plan.sources().stream()
            .map(
                p ->
                    new PinJson(
                        p.pin().pond(),
                        p.pin().spec(),
                        p.pin().optional(),
                        word(p.state()),
                        pin(plan, p)))
            .toList(),
        plan.sinks().stream()
            .map(
                s ->
                    new SinkJson(
                        s.line().toString(),
                        s.version().text(),
                        s.pin().spec(),
                        word(s.effect()),
                        sink(plan, s)))
            .toList(),
        schema.baseline(),
        schema.rows(),
        schema.breaking(),
        plan.accepted(),
        plan.refusal());
  }

  /** The plan as text lines. */
  static List<String> lines(DeployPlan plan, PlanSchema schema, String catchment, boolean force) {
    PondManifest m = plan.manifest();
    List<String> out = new ArrayList<>();
    out.add(
        "plan: deploy "
            + m.name()
            + " "
            + m.version()
            + " ("
            + plan.origin()
            + ") to catchment '"
            + catchment
            + "'; nothing was changed");
    out.add(label("line:") + line(plan, force));
    List<String[]> rows = new ArrayList<>();
    for (Pin p : plan.sources()) {
      rows.add(new String[] {p.pin().pond() + " " + p.pin().spec(), pin(plan, p)});
    }
    section(out, "sources:", rows, "none (an Inlet: it runs on its own demand)");
    rows = new ArrayList<>();
    for (Sink s : plan.sinks()) {
      rows.add(new String[] {s.line() + " " + s.version(), sink(plan, s)});
    }
    section(out, "sinks:", rows, "none (no deployed Pond pins " + m.name() + ")");
    rows = new ArrayList<>();
    for (PlanSchema.Row r : schema.rows()) {
      rows.add(new String[] {r.table(), r.effect()});
    }
    out.add(label("schema:") + "compared with " + schema.baseline());
    section(out, null, rows, null);
    if (!schema.breaking().isEmpty() && plan.selected() != null) {
      out.add(
          label("risk:")
              + "a run of "
              + m.version()
              + " breaks the schema of "
              + m.line()
              + " ("
              + String.join(", ", schema.breaking())
              + "): its contract fails that run before it publishes; drop or retype columns in"
              + " a new major ("
              + (m.version().major() + 1)
              + ".0.0)");
    }
    out.add(label("result:") + result(plan, force));
    return out;
  }

  private static String result(DeployPlan plan, boolean force) {
    String what = plan.manifest().name() + " " + plan.manifest().version();
    if (!plan.accepted()) {
      return "refused: " + plan.refusal();
    }
    if (plan.change() == Change.IDENTICAL && !force) {
      return "nothing to do (" + what + " is deployed with these files)";
    }
    return (plan.change() == Change.REDEPLOY || plan.change() == Change.IDENTICAL
            ? "would replace "
            : "would deploy ")
        + what;
  }

  private static String line(DeployPlan plan, boolean force) {
    PondManifest m = plan.manifest();
    LineId line = m.line();
    return switch (plan.change()) {
      case NEW_POND -> line + ": a new line (" + m.name() + " is not deployed yet)";
      case NEW_LINE ->
          line
              + ": a new line beside "
              + String.join(", ", plan.majors().stream().map(n -> m.name() + "@" + n).toList())
              + " (Sinks stay on the major they pin)";
      case UPGRADE ->
          line
              + ": a new version, "
              + m.version()
              + " replaces "
              + plan.selected()
              + " (Sinks read it from their next run)";
      case BESIDE ->
          line
              + ": keeps running "
              + plan.selected()
              + "; "
              + m.version()
              + " is installed beside it and runs nothing";
      case REDEPLOY ->
          line
              + ": redeploy of the same version with other files"
              + (force ? " (--force replaces it; its next run is a real run)" : "");
      case IDENTICAL ->
          line
              + ": identical: "
              + m.version()
              + " is deployed with these files"
              + (force ? " (--force writes it again)" : "");
    };
  }

  private static String pin(DeployPlan plan, Pin p) {
    String self = plan.manifest().line().toString();
    String missing = p.pin().optional() ? "missing (optional): " : "missing: ";
    String waits =
        p.pin().optional() ? "; runs without it" : "; " + self + " waits (blocked) until it is";
    String text =
        switch (p.state()) {
          case SATISFIED -> "satisfied: " + p.pin().line() + " runs " + p.runs();
          case BELOW_PIN ->
              "not satisfied: "
                  + p.pin().line()
                  + " runs "
                  + p.runs()
                  + ", below "
                  + p.pin().min()
                  + " (refused)";
          case MISSING_MAJOR ->
              missing
                  + p.pin().pond()
                  + " is deployed, but not at major "
                  + p.pin().min().major()
                  + waits;
          case MISSING ->
              missing
                  + p.pin().pond()
                  + " is not deployed"
                  + (p.closest() == null ? "" : " (did you mean '" + p.closest() + "'?)")
                  + waits;
        };
    return p.deprecated() == null ? text : text + "; deprecated: " + p.deprecated();
  }

  private static String sink(DeployPlan plan, Sink s) {
    String pins = "pins " + s.pin().pond() + " " + s.pin().spec() + ": ";
    return pins
        + switch (s.effect()) {
          case MOVES -> "moves to " + plan.manifest().version();
          case REFUSED -> "needs at least " + s.pin().min() + " (refused)";
          case STAYS -> "stays on " + plan.selected();
          case OTHER_MAJOR -> "stays on " + s.pin().line() + " (another major)";
        };
  }

  private static void section(List<String> out, String label, List<String[]> rows, String none) {
    if (label != null && rows.isEmpty()) {
      out.add(label(label) + none);
      return;
    }
    if (label != null) {
      out.add(label);
    }
    int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
    for (String[] r : rows) {
      out.add("  " + r[0] + " ".repeat(width - r[0].length() + 2) + r[1]);
    }
  }

  private static String label(String label) {
    return label + " ".repeat(Math.max(1, LABEL - label.length()));
  }

  private static String word(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
