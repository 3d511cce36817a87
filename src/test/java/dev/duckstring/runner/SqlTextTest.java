package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SqlTextTest {
  @Test
  void cutsTrailingSemicolonsCommentsAndWhitespace() {
    assertEquals("SELECT 1", SqlText.withoutTail("SELECT 1;"));
    assertEquals("SELECT 1", SqlText.withoutTail("SELECT 1 ; -- done\n/* really */ ;;\n"));
    assertEquals("SELECT 1", SqlText.withoutTail("SELECT 1 -- no newline at the end"));
    assertEquals("", SqlText.withoutTail("-- only a comment\n;"));
  }

  @Test
  void keepsSemicolonsAndCommentMarkersInsideQuotes() {
    assertEquals("SELECT ';--'", SqlText.withoutTail("SELECT ';--';"));
    assertEquals("SELECT 'it''s;'", SqlText.withoutTail("SELECT 'it''s;' ;"));
    assertEquals("SELECT E'a\\';'", SqlText.withoutTail("SELECT E'a\\';' ;"));
    assertEquals("SELECT \"a;\"\"b\"", SqlText.withoutTail("SELECT \"a;\"\"b\";"));
    assertEquals("SELECT $q$ ; -- $q$", SqlText.withoutTail("SELECT $q$ ; -- $q$;"));
    assertEquals("SELECT $$;$$", SqlText.withoutTail("SELECT $$;$$ /* x */"));
  }

  @Test
  void keepsCommentsBeforeTheLastToken() {
    assertEquals("SELECT /* ; */ 1", SqlText.withoutTail("SELECT /* ; */ 1;"));
    assertEquals("SELECT -- ;\n1", SqlText.withoutTail("SELECT -- ;\n1;"));
  }
}
