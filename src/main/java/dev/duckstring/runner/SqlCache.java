package dev.duckstring.runner;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What DuckDB's parser said about a Ripple's SQL text, kept by the text: the one query to embed in
 * {@code COPY} and the tables it names. Only texts that parsed are kept; the least recently used
 * goes first beyond a fixed count.
 */
final class SqlCache {
  /**
   * One parsed text: the query without its tail, the table references as written, and the query
   * with its Source tables read in place (null: read through views, decision 66).
   */
  record Parsed(String query, Set<String> refs, InlineScans inline) {}

  private final int capacity;
  private final Map<String, Parsed> byText;

  SqlCache(int capacity) {
    this.capacity = capacity;
    this.byText = new LinkedHashMap<>(16, 0.75f, true);
  }

  synchronized Parsed get(String sql) {
    return byText.get(sql);
  }

  synchronized void put(String sql, Parsed parsed) {
    byText.put(sql, parsed);
    if (byText.size() > capacity) {
      byText.remove(byText.keySet().iterator().next());
    }
  }

  synchronized int size() {
    return byText.size();
  }
}
