package dev.duckstring.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Source tables read in place (decision 66): what is inlined, and that it reads as views do. */
class InlineScansTest {
  @TempDir Path dir;
  Path shop;
  Path own;
  Connection c;
  final SqlRippleRunner inline = new SqlRippleRunner(DuckDbOptions.defaults().withThreads(1));
  final SqlRippleRunner views = new SqlRippleRunner(DuckDbOptions.defaults().withThreads(1), false);

  @BeforeEach
  void fixtures() throws Exception {
    c = Duck.open(DuckDbOptions.defaults().withThreads(1));
    shop = dir.resolve("shop/data/g1");
    TestDuck.parquet(
        shop.resolve("orders/orders.parquet"),
        "SELECT range AS id, range % 3 AS customer, range * 10 AS amount, 'f' AS filename"
            + " FROM range(10)");
    TestDuck.write(
        shop.resolve("customers/part.csv"),
        "SELECT * FROM (VALUES (0, 'ann'), (1, 'bob'), (2, 'cy')) t(id, name)",
        "csv");
    TestDuck.parquet(shop.resolve("parts/a.parquet"), "SELECT 1 AS x");
    TestDuck.parquet(shop.resolve("parts/b.parquet"), "SELECT 2 AS x, 'b' AS y");
    Files.createDirectories(shop.resolve("notes"));
    own = dir.resolve("staging/vip");
    TestDuck.parquet(own.resolve("vip.parquet"), "SELECT 1 AS customer");
  }

  @AfterEach
  void close() throws Exception {
    c.close();
    inline.close();
    views.close();
  }

  private InlineScans of(String sql) throws Exception {
    SqlQueries.Single single = SqlQueries.single(c, sql);
    return InlineScans.of(c, single.query(), single.parsed());
  }

  private String rendered(String sql) throws Exception {
    return of(sql).render((source, table) -> Optional.of("S(" + source + "." + table + ")"));
  }

  @Test
  void sourceTablesBecomeTheSubqueriesTheirViewsStandFor() throws Exception {
    assertEquals(
        "SELECT o.id FROM (SELECT * FROM S(shop.orders)) o JOIN (SELECT * FROM S(shop.customers))"
            + " AS \"customers\" ON customers.id = o.customer",
        rendered(
            "SELECT o.id FROM shop.orders o JOIN shop.customers ON customers.id = o.customer;"));
    assertEquals(
        "SELECT 'éé€' AS x, * FROM (SELECT * FROM S(shop.Orders)) AS o(a, b, c, d)",
        rendered("SELECT 'éé€' AS x, * FROM \"shop\" . /* c */ \"Orders\" AS o(a, b, c, d)"));
    assertEquals(
        "WITH t AS (FROM (SELECT * FROM S(SHOP.orders)) AS \"orders\") SELECT * FROM t, vip",
        rendered("WITH t AS (FROM SHOP.orders) SELECT * FROM t, vip"));
  }

  @Test
  void queriesThatCouldReadDifferentlyKeepTheirViews() throws Exception {
    assertNull(of("SELECT * FROM vip"), "no Source table");
    assertNull(of("SELECT * FROM query_table('shop.orders')"), "a table function");
    assertNull(of("SELECT * FROM shop.orders, read_csv('x.csv')"), "a table function");
    assertNull(of("SELECT shop.orders.id FROM shop.orders"), "a column through its schema");
    assertNull(of("SELECT * FROM shop.orders TABLESAMPLE 10%"), "a sample");
    assertNull(of("SELECT * FROM memory.shop.orders"), "a catalog");
    assertNull(of("DESCRIBE shop.orders"), "not a table in a FROM");
    assertNotNull(of("SELECT o.id FROM shop.orders o"));
  }

  @Test
  void onTheTableReferenceCorpusEveryInlinedQueryParsesAndKeepsOnlyItsOwnTables() throws Exception {
    int inlined = 0;
    for (String sql : TableRefsCorpusTest.corpus()) {
      SqlQueries.Single single;
      try {
        single = SqlQueries.single(c, sql);
      } catch (RuntimeException e) {
        continue; // not a query a Ripple may run
      }
      InlineScans made = InlineScans.of(c, single.query(), single.parsed());
      if (made == null) {
        continue;
      }
      inlined++;
      String text = made.render((source, table) -> Optional.of("read_parquet('x')"));
      SqlQueries.Parsed again = SqlQueries.parse(c, text);
      assertFalse(again.error(), text);
      assertEquals(List.of(), qualified(again.ast()), sql + "\n" + text);
      assertEquals(qualified(single.parsed().ast()).size(), text.split("read_parquet").length - 1);
    }
    assertTrue(inlined >= 10, "inlined " + inlined + " of the corpus"); // 14 of 19 with a schema
  }

  /** The schema-qualified table references of {@code ast}, one per node. */
  private static List<String> qualified(Object ast) {
    List<String> found = new ArrayList<>();
    if (ast instanceof Map<?, ?> m) {
      String schema = TableRefs.text(m.get("schema_name"));
      if ("BASE_TABLE".equals(m.get("type")) && schema != null && !schema.isEmpty()) {
        found.add(schema + "." + m.get("table_name"));
      }
      m.values().forEach(v -> found.addAll(qualified(v)));
    } else if (ast instanceof List<?> l) {
      l.forEach(v -> found.addAll(qualified(v)));
    }
    return found;
  }

  /** The corpus of the differential test: results, columns and errors must match. */
  private static final List<String> CORPUS =
      List.of(
          "SELECT c.name, sum(o.amount)::BIGINT AS revenue FROM shop.orders o"
              + " JOIN shop.customers c ON c.id = o.customer"
              + " WHERE o.customer IN (SELECT customer FROM vip) GROUP BY c.name ORDER BY 1",
          "SELECT orders.id, orders.filename FROM shop.orders ORDER BY 1",
          "SELECT * FROM shop.orders NATURAL JOIN shop.customers ORDER BY id",
          "SELECT a.id, b.id FROM shop.orders a, shop.orders b WHERE a.id = b.id + 1 ORDER BY 1",
          "SELECT * FROM shop.parts ORDER BY x",
          "SELECT orders FROM shop.orders ORDER BY orders.id LIMIT 2",
          "FROM \"shop\".\"orders\" SELECT count(*)",
          "SELECT * FROM shop.orders o(a, b) ORDER BY a",
          "SELECT filename FROM shop.customers",
          "SELECT rowid FROM shop.parts",
          "SELECT nosuch FROM shop.orders",
          "SELECT orders.nosuch FROM shop.orders",
          "SELECT * FROM shop.nosuch",
          "SELECT * FROM shop.notes",
          "SELECT * FROM other.orders");

  @Test
  void everyQueryOfTheCorpusReadsAsThroughViews() throws Exception {
    int n = 0;
    for (String sql : CORPUS) {
      List<String> a = outcome(inline, sql, "a" + n);
      List<String> b = outcome(views, sql, "b" + n);
      assertEquals(b, a, sql);
      n++;
    }
  }

  private List<String> outcome(SqlRippleRunner runner, String sql, String name) throws Exception {
    Path out = Files.createDirectories(dir.resolve("out").resolve(name));
    List<String> seen = new ArrayList<>();
    try {
      SqlRippleResult r =
          runner.run(new SqlRipple("r", sql, Map.of("shop", shop), Map.of("vip", own), out));
      seen.add(r.columns().toString());
      seen.addAll(TestDuck.lines("SELECT * FROM '" + r.file() + "'"));
    } catch (RippleFailure e) {
      seen.add("failed: " + e.getMessage());
    }
    return seen;
  }

  @Test
  void theDemoPipelineGivesTheSameRowsBothWays() throws Exception {
    Path demos = Path.of("demos");
    Path inlet = dir.resolve("inlet/data/g1");
    for (String t : List.of("orders", "customers")) {
      String sql = SqlText.withoutTail(Files.readString(demos.resolve("inlet/src/" + t + ".sql")));
      TestDuck.parquet(inlet.resolve(t + "/" + t + ".parquet"), sql);
    }
    String sales = Files.readString(demos.resolve("pond/src/sales.sql"));
    String daily = Files.readString(demos.resolve("outlet/src/daily.sql"));
    List<String> seen = new ArrayList<>();
    for (SqlRippleRunner runner : List.of(inline, views)) {
      Path pond = Files.createDirectories(dir.resolve("pond" + seen.size() + "/sales"));
      SqlRippleResult s =
          runner.run(new SqlRipple("sales", sales, Map.of("inlet", inlet), Map.of(), pond));
      Path out = Files.createDirectories(dir.resolve("outlet" + seen.size()));
      SqlRippleResult d =
          runner.run(
              new SqlRipple("daily", daily, Map.of("pond", pond.getParent()), Map.of(), out));
      assertEquals(200_000, s.rows());
      seen.add(
          s.columns()
              + " "
              + d.columns()
              + " "
              + TestDuck.lines("SELECT * FROM '" + d.file() + "' ORDER BY id")
              + " "
              + TestDuck.lines("SELECT count(*), sum(hash(COLUMNS(*))) FROM '" + s.file() + "'"));
    }
    assertEquals(seen.get(1), seen.get(0));
    assertNotNull(InlineScans.of(c, sales, SqlQueries.parse(c, sales)), "sales reads in place");
  }

  @Test
  void aDuplicateAliasIsNamedAsWrittenNotByThePrivateCatalog() throws Exception {
    String sql = "SELECT * FROM shop.orders, shop.orders";
    assertEquals(
        List.of(
            "failed: Binder Error: Ambiguous reference to table \"orders\" (duplicate alias"
                + " \"orders\", explicitly alias one of the tables using \"AS my_alias\")"),
        outcome(inline, sql, "a"));
    String viewed = outcome(views, sql, "b").get(0);
    assertTrue(viewed.contains("\"ripple_"), "a view's error names the private catalog: " + viewed);
  }

  @Test
  void aSourceTableTheQueryDoesNotReadIsNotOpened() throws Exception {
    Path broken = Files.createDirectories(shop.resolve("broken"));
    Files.writeString(broken.resolve("broken.parquet"), "not parquet");
    String sql = "SELECT count(*) AS n FROM shop.orders";
    Path a = Files.createDirectories(dir.resolve("a"));
    SqlRippleResult r =
        inline.run(new SqlRipple("r", sql, Map.of("shop", shop), Map.of("vip", own), a));
    assertEquals(List.of("10"), TestDuck.lines("SELECT * FROM '" + r.file() + "'"));

    Path b = Files.createDirectories(dir.resolve("b"));
    RippleFailure viewed =
        assertThrows(
            RippleFailure.class,
            () -> views.run(new SqlRipple("r", sql, Map.of("shop", shop), Map.of("vip", own), b)));
    assertTrue(viewed.getMessage().contains("broken.parquet"), viewed.getMessage());
  }
}
