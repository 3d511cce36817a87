package dev.duckstring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code POND[@PIN]} of reads: a major or a version, and how it meets {@code --version}. */
class PondPinTest {
  @Test
  void parsesABarePondAMajorAndAVersion() {
    PondPin bare = PondPin.parse("outlet");
    assertEquals("outlet", bare.pond());
    assertNull(bare.pin());
    assertFalse(bare.pinned());
    assertEquals("outlet", bare.toString());

    PondPin major = PondPin.parse("outlet@2");
    assertTrue(major.pinned());
    assertTrue(major.isMajor());
    assertEquals(2, major.major());
    assertEquals("outlet@2", major.toString());

    PondPin version = PondPin.parse("outlet@1.2.0");
    assertFalse(version.isMajor());
    assertEquals(1, version.major());
    assertEquals(PondVersion.parse("1.2.0"), version.version());
    assertEquals(0, PondPin.parse("outlet@0").major());
    assertEquals(1, PondPin.parse("outlet@1.0.0-rc.1").major());
  }

  @Test
  void refusesPinsThatAreNotAMajorOrAVersion() {
    for (String bad :
        new String[] {"x", "1.2", "-1", "", "1.2.0.4", "v1", "1@2", "1.2.x", "+1", "1234567890"}) {
      String message =
          assertThrows(DuckstringException.class, () -> PondPin.parse("outlet@" + bad))
              .getMessage();
      assertEquals(
          "outlet@" + bad + ": '" + bad + "' is not a major (outlet@1) or a version (outlet@1.2.0)",
          message);
      assertThrows(DuckstringException.class, () -> PondPin.parse("outlet").withVersion(bad));
    }
    String name =
        assertThrows(DuckstringException.class, () -> PondPin.parse("Outlet@1")).getMessage();
    assertTrue(name.startsWith("pond 'Outlet' is not a valid name"), name);
  }

  @Test
  void versionOptionFillsOrMustAgreeWithThePin() {
    assertEquals("outlet@1", PondPin.parse("outlet").withVersion("1").toString());
    assertEquals("outlet@1", PondPin.parse("outlet@1").withVersion("1").toString());
    assertEquals("outlet@1", PondPin.parse("outlet@1").withVersion(null).toString());
    assertEquals("outlet", PondPin.parse("outlet").withVersion(null).toString());
    assertEquals(
        "outlet@1 and --version 2 name different versions: give one of them",
        assertThrows(DuckstringException.class, () -> PondPin.parse("outlet@1").withVersion("2"))
            .getMessage());
  }
}
