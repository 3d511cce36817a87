package dev.duckstring.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One measured figure: its value and unit, the sizes it was measured at, and the floor it is
 * compared against (measured in the same run), with the ratio and the target.
 *
 * @param floor the floor's value in {@code unit}, or null when the figure is absolute
 * @param floorWhat what the floor is (e.g. "same SQL in one DuckDB connection")
 * @param ratio value / floor, or null without a floor
 * @param target the target as text ("<= 2 ms"), or null
 * @param met whether the target was met, or null without a target
 */
record Figure(
    String section,
    String name,
    Map<String, Object> sizes,
    double value,
    String unit,
    Double floor,
    String floorWhat,
    Double ratio,
    String target,
    Boolean met,
    String note) {
  Figure {
    sizes = new LinkedHashMap<>(sizes);
  }

  static Figure of(
      String section, String name, Map<String, Object> sizes, double value, String unit) {
    return new Figure(section, name, sizes, value, unit, null, null, null, null, null, null);
  }

  Figure withFloor(double floorValue, String what) {
    Double r = floorValue > 0 ? value / floorValue : null;
    return new Figure(section, name, sizes, value, unit, floorValue, what, r, target, met, note);
  }

  /**
   * Sets a target: {@code atMost} applies to the ratio when there is a floor, else to the value.
   */
  Figure withTarget(String text, double atMost, boolean onRatio) {
    double v = onRatio ? (ratio == null ? Double.NaN : ratio) : value;
    return new Figure(
        section, name, sizes, value, unit, floor, floorWhat, ratio, text, v <= atMost, note);
  }

  Figure withNote(String text) {
    return new Figure(
        section, name, sizes, value, unit, floor, floorWhat, ratio, target, met, text);
  }
}
