package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table references found in Java from the AST (decision 57) are exactly what the {@code
 * json_tree} query that did it before found, on a corpus of shapes and on every SQL file of the
 * demos.
 */
class TableRefsCorpusTest {
  /** The query of decision 53, kept here as the oracle. */
  private static final String OLD =
      "WITH tree AS (SELECT fullkey, key, type, value FROM json_tree(?::JSON)),"
          + " refs AS (SELECT fullkey AS path,"
          + "   coalesce(json_extract_string(value, '$.catalog_name'), '') AS cat,"
          + "   coalesce(json_extract_string(value, '$.schema_name'), '') AS sch,"
          + "   json_extract_string(value, '$.table_name') AS tab"
          + "   FROM tree WHERE type = 'OBJECT'"
          + "   AND json_extract_string(value, '$.type') = 'BASE_TABLE'),"
          + " ctes AS (SELECT left(fullkey, length(fullkey) - length('.cte_map')) AS scope,"
          + "   unnest(json_extract_string(value, '$.map[*].key')) AS name"
          + "   FROM tree WHERE key = 'cte_map' AND type = 'OBJECT')"
          + " SELECT DISTINCT concat_ws('.', nullif(cat, ''), nullif(sch, ''), tab) FROM refs r"
          + " WHERE tab IS NOT NULL AND NOT (cat = '' AND sch = '' AND EXISTS ("
          + "   SELECT 1 FROM ctes c WHERE lower(c.name) = lower(r.tab)"
          + "   AND (r.path = c.scope OR starts_with(r.path, c.scope || '.')"
          + "     OR starts_with(r.path, c.scope || '['))))";

  private static Connection c;

  @BeforeAll
  static void open() throws Exception {
    c = Duck.open(DuckDbOptions.defaults().withThreads(1));
  }

  @AfterAll
  static void close() throws Exception {
    c.close();
  }

  static List<String> corpus() throws Exception {
    List<String> sql = new ArrayList<>();
    sql.add("SELECT * FROM orders");
    sql.add("SELECT * FROM shop.orders o JOIN clean c USING (id), cat.s.t WHERE o.id > 0;");
    sql.add("SELECT a.x FROM a LEFT JOIN b ON a.id = b.id FULL OUTER JOIN s.c ON c.id = a.id");
    sql.add("SELECT * FROM a POSITIONAL JOIN b");
    sql.add("SELECT * FROM a ASOF JOIN b ON a.id = b.id AND a.t >= b.t");
    sql.add("SELECT * FROM a NATURAL JOIN b, LATERAL (SELECT * FROM c WHERE c.id = a.id) l");
    sql.add("SELECT * FROM a, LATERAL (SELECT a.x + 1 AS y) l");
    sql.add("SELECT * FROM a CROSS JOIN LATERAL unnest(a.list) AS u(v)");
    sql.add(
        "WITH recent AS (SELECT * FROM raw), top AS (SELECT * FROM recent)\n"
            + "SELECT * FROM top JOIN orders USING (id)\n"
            + "WHERE id IN (WITH orders AS (SELECT 1 AS id) SELECT id FROM orders)");
    sql.add("WITH orders AS (SELECT * FROM orders) SELECT * FROM orders");
    sql.add("WITH Orders AS (SELECT 1 AS x) SELECT * FROM ORDERS, src.orders, \"orders\"");
    sql.add("WITH t AS (SELECT 5 AS x) SELECT x FROM a.t UNION ALL SELECT x FROM t ORDER BY x;");
    sql.add(
        "WITH a AS (SELECT 1 AS x) SELECT * FROM (WITH b AS (SELECT * FROM a) SELECT * FROM b, c)"
            + " JOIN b USING (x)");
    sql.add(
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3)"
            + " SELECT * FROM r, nums");
    sql.add("WITH m AS MATERIALIZED (SELECT * FROM base) SELECT * FROM m JOIN base USING (k)");
    sql.add(
        "SELECT (SELECT max(x) FROM s1.t), x IN (SELECT y FROM s2.t) FROM a"
            + " WHERE EXISTS (SELECT 1 FROM b WHERE b.id = a.id)");
    sql.add(
        "SELECT x FROM a UNION ALL SELECT x FROM (SELECT x FROM b) WHERE EXISTS (SELECT 1 FROM c)");
    sql.add(
        "SELECT x FROM a UNION SELECT x FROM b EXCEPT SELECT x FROM c INTERSECT SELECT x FROM d");
    sql.add("(WITH w AS (SELECT 1 AS x) SELECT x FROM w) UNION ALL (SELECT x FROM w)");
    sql.add("SELECT \"Weird Name\".\"x\" FROM \"My Schema\".\"Weird Name\"");
    sql.add("SELECT * FROM \"a.b\", \"s\".\"t.u\", \"quoted\"\"name\"");
    sql.add(
        "SELECT * FROM range(3), read_parquet('x.parquet'), read_csv('y.csv'), generate_series(1, 2)");
    sql.add("SELECT * FROM 'data/file.parquet', \"other.csv\"");
    sql.add("SELECT * FROM read_parquet((SELECT list(f) FROM files))");
    sql.add(
        "-- a leading comment\nSELECT /* inline */ x -- trailing\nFROM /* between */ src.t\n"
            + "/* after */ ; -- end");
    sql.add("FROM a.t SELECT x WHERE x > 1");
    sql.add("FROM a.t");
    sql.add("VALUES (1), (2)");
    sql.add("DESCRIBE SELECT * FROM a.t");
    sql.add("SELECT * FROM (VALUES (1, 2)) v(a, b) JOIN t USING (a)");
    sql.add("SELECT sum(x) OVER w FROM a.t WINDOW w AS (PARTITION BY y ORDER BY z) QUALIFY x > 0");
    sql.add("UNPIVOT wide ON COLUMNS(* EXCLUDE id) INTO NAME k VALUE v");
    sql.add("SELECT * FROM a.t TABLESAMPLE 10%");
    sql.add("SELECT * FROM memory.main.t, system.main.duckdb_tables()");
    sql.add("SELECT * FROM c.s.t AS x(a, b)");
    sql.add(
        "SELECT CASE WHEN x IN (SELECT * FROM lk) THEN 1 END FROM a GROUP BY ALL HAVING count(*) > (SELECT 1 FROM h)");
    sql.add("SELECT list_transform([1, 2], v -> v + 1), struct_pack(a := 1) FROM t");
    sql.add("SELECT 'BASE_TABLE' AS type, '{\"type\": \"BASE_TABLE\"}' AS j FROM t");
    sql.add(
        "WITH x AS (SELECT * FROM a), y AS (WITH x AS (SELECT * FROM b) SELECT * FROM x)"
            + " SELECT * FROM y UNION ALL SELECT * FROM x UNION ALL SELECT * FROM b.x");
    sql.add("SELECT * FROM t1 JOIN t2 USING (id) JOIN (t3 JOIN t4 ON t3.a = t4.a) ON true");
    sql.add("SELECT * FROM t WHERE id = ANY (SELECT id FROM u)");
    sql.add("SELECT ü FROM Über.tåble, \"ÄÖ\"");
    sql.add("SELECT " + "x + ".repeat(400) + "1 FROM deep_expr");
    sql.add("SELECT * FROM " + "(SELECT * FROM ".repeat(60) + "nested" + ")".repeat(60) + " t");
    sql.add(
        "WITH nested AS (SELECT 1 AS x) SELECT * FROM "
            + "(SELECT * FROM ".repeat(60)
            + "nested"
            + ")".repeat(60)
            + " t");
    try (Stream<Path> files = Files.walk(Path.of("demos"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).sorted().toList()) {
        sql.add(Files.readString(f));
      }
    }
    return sql;
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void javaWalkFindsWhatTheJsonTreeQueryFound(String sql) throws Exception {
    SqlQueries.Parsed parsed = SqlQueries.parse(c, sql);
    assertFalse(parsed.error(), () -> sql + ": " + parsed.errorMessage());
    assertEquals(old(parsed.json()), TableRefs.of(parsed.ast()), sql);
    assertEquals(old(parsed.json()), TableRefs.infer(c, sql), sql);
  }

  @ParameterizedTest
  @MethodSource("corpus")
  void theSingleQueryIsWhatItWasBefore(String sql) throws Exception {
    assertEquals(oldSingleQuery(sql), SqlQueries.singleQuery(c, sql), sql);
  }

  private static Set<String> old(String json) throws Exception {
    Set<String> refs = new TreeSet<>();
    try (PreparedStatement p = c.prepareStatement(OLD)) {
      p.setString(1, json);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          refs.add(r.getString(1));
        }
      }
    }
    return refs;
  }

  /** Decision 53's parse: DuckDB's json_extract_string read each field. */
  private static final String OLD_PARSE =
      "SELECT j, json_extract_string(j, '$.error')::BOOLEAN, json_extract_string(j, '$.error_type'),"
          + " json_extract_string(j, '$.error_message'), json_extract_string(j, '$.position'),"
          + " coalesce(json_array_length(j, '$.statements'), 0)"
          + " FROM (SELECT json_serialize_sql(?::VARCHAR) AS j)";

  private static List<Object> oldParse(String sql) throws Exception {
    try (PreparedStatement p = c.prepareStatement(OLD_PARSE)) {
      p.setString(1, sql);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        String position = r.getString(5);
        return Arrays.asList(
            r.getString(1),
            r.getBoolean(2),
            r.getString(3),
            r.getString(4),
            position == null ? null : Integer.valueOf(position),
            r.getInt(6));
      }
    }
  }

  private static List<Object> newParse(String sql) throws Exception {
    SqlQueries.Parsed p = SqlQueries.parse(c, sql);
    return Arrays.asList(
        p.json(), p.error(), p.errorType(), p.errorMessage(), p.position(), p.statements());
  }

  /** Decision 53's singleQuery: up to three parses, one statement each. */
  private static String oldSingleQuery(String sql) throws Exception {
    List<Object> parsed = oldParse(sql);
    String trimmed = SqlText.withoutTail(sql);
    List<Object> again = trimmed.equals(sql) ? parsed : oldParse(trimmed);
    List<Object> wrapped = oldParse("SELECT * FROM (\n" + trimmed + "\n)");
    if (!(Boolean) again.get(1)
        && again.get(0).equals(parsed.get(0))
        && !(Boolean) wrapped.get(1)
        && (Integer) wrapped.get(5) == 1) {
      return trimmed;
    }
    try (PreparedStatement p = c.prepareStatement("SELECT json_deserialize_sql(?::JSON)")) {
      p.setString(1, (String) parsed.get(0));
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getString(1);
      }
    }
  }

  static List<String> badTexts() {
    return List.of(
        "SELECT * FORM orders",
        "SELECT 1; SELECT 2",
        "CREATE TABLE x (i INTEGER)",
        "",
        "-- only a comment",
        "SELECT 'unterminated",
        "SELECT 1 /* open comment",
        "DROP TABLE orders",
        "PIVOT src.sales ON year USING sum(revenue)",
        "SELECT * FROM (PIVOT sales ON year USING sum(revenue)) p",
        "SELECT\n  x\nFROM t WHERE (");
  }

  @ParameterizedTest
  @MethodSource({"corpus", "badTexts"})
  void theParseReadInJavaIsWhatDuckDbReadBefore(String sql) throws Exception {
    assertEquals(oldParse(sql), newParse(sql), sql);
  }
}
