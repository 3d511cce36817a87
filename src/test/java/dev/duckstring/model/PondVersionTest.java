package dev.duckstring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.semver4j.Semver;

/** The semver4j-free path for plain releases agrees with semver4j on validity, major and order. */
class PondVersionTest {
  private static final List<String> TEXTS =
      List.of(
          "1.0.0",
          "0.0.0",
          "0.1.0",
          "10.20.30",
          "1.2.3",
          "2.0.0",
          "1.10.0",
          "1.9.9",
          "999999999.0.0",
          "1.0.0-rc.1",
          "1.0.0-alpha",
          "1.0.0+build.5",
          "1.0.0-rc.1+b",
          "01.0.0",
          "1.01.0",
          "1.0.01",
          "1.0",
          "1",
          "1.0.0.0",
          "1..0",
          ".1.0",
          "1.0.",
          "",
          "a.b.c",
          "1.0.0 ",
          " 1.0.0",
          "-1.0.0",
          "1.0.x",
          "1234567890.0.0");

  @Test
  void validityAndMajorAsSemver4jSays() {
    for (String t : TEXTS) {
      Semver s = Semver.parse(t);
      boolean valid = s != null && s.getVersion().equals(t);
      assertEquals(valid, PondVersion.isValid(t), t);
      if (valid) {
        assertEquals(s.getMajor(), PondVersion.parse(t).major(), t);
      }
    }
  }

  @Test
  void orderAsSemver4jSays() {
    List<String> valid = TEXTS.stream().filter(PondVersion::isValid).toList();
    for (String a : valid) {
      for (String b : valid) {
        assertEquals(
            Integer.signum(new Semver(a).compareTo(new Semver(b))),
            Integer.signum(PondVersion.parse(a).compareTo(PondVersion.parse(b))),
            a + " vs " + b);
      }
    }
  }
}
