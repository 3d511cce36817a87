package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import org.junit.jupiter.api.Test;

class SqlQueriesTest {
  @Test
  void returnsTextThatEmbedsAsTheSameQuery() throws Exception {
    try (Connection c = Duck.open(DuckDbOptions.defaults().withThreads(1))) {
      String sql = "SELECT DATE'2020-01-01\\' AS d; -- '";
      String query = SqlQueries.singleQuery(c, sql);
      assertEquals("SELECT DATE'2020-01-01\\' AS d", query);
      assertEquals(SqlQueries.parse(c, sql).json(), SqlQueries.parse(c, query).json(), query);
    }
  }

  @Test
  void keepsTheTextWhenNothingTrails() throws Exception {
    try (Connection c = Duck.open(DuckDbOptions.defaults().withThreads(1))) {
      assertEquals("SELECT 1 AS x", SqlQueries.singleQuery(c, "SELECT 1 AS x"));
      assertEquals("SELECT 1 AS x", SqlQueries.singleQuery(c, "SELECT 1 AS x; -- end"));
    }
  }
}
