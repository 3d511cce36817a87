package dev.duckstring.runner;

/**
 * A small SQL lexer that finds where the last real token of a statement ends, so that a trailing
 * {@code ;} and comments can be cut before the query is embedded in {@code COPY (...)}. Callers
 * re-parse the result with DuckDB and compare, so a lexing mistake cannot change meaning.
 */
final class SqlText {
  private SqlText() {}

  /** {@code sql} without trailing whitespace, comments and semicolons. */
  static String withoutTail(String sql) {
    int end = 0;
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == ';') {
        i++;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        i = lineEnd(sql, i);
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        i = blockCommentEnd(sql, i);
      } else {
        i = tokenEnd(sql, i);
        end = i;
      }
    }
    return sql.substring(0, end);
  }

  static int tokenEnd(String sql, int i) {
    char c = sql.charAt(i);
    if (c == '\'') {
      boolean escapes =
          i > 0
              && (sql.charAt(i - 1) == 'e' || sql.charAt(i - 1) == 'E')
              && (i == 1 || !isIdentChar(sql.charAt(i - 2)));
      return quotedEnd(sql, i, '\'', escapes);
    }
    if (c == '"') {
      return quotedEnd(sql, i, '"', false);
    }
    if (c == '$' && (i == 0 || !isIdentChar(sql.charAt(i - 1)))) {
      int tagEnd = i + 1;
      while (tagEnd < sql.length() && isTagChar(sql.charAt(tagEnd))) {
        tagEnd++;
      }
      if (tagEnd < sql.length()
          && sql.charAt(tagEnd) == '$'
          && (tagEnd == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
        String tag = sql.substring(i, tagEnd + 1);
        int close = sql.indexOf(tag, tagEnd + 1);
        return close < 0 ? sql.length() : close + tag.length();
      }
    }
    return i + 1;
  }

  private static int quotedEnd(String sql, int i, char quote, boolean backslashEscapes) {
    int j = i + 1;
    while (j < sql.length()) {
      char c = sql.charAt(j);
      if (backslashEscapes && c == '\\') {
        j += 2;
      } else if (c == quote) {
        if (j + 1 < sql.length() && sql.charAt(j + 1) == quote) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return sql.length();
  }

  static int lineEnd(String sql, int i) {
    int nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length() : nl + 1;
  }

  static int blockCommentEnd(String sql, int i) {
    int depth = 0;
    int j = i;
    while (j < sql.length()) {
      if (sql.startsWith("/*", j)) {
        depth++;
        j += 2;
      } else if (sql.startsWith("*/", j)) {
        depth--;
        j += 2;
        if (depth == 0) {
          return j;
        }
      } else {
        j++;
      }
    }
    return sql.length();
  }

  static boolean isIdentChar(char c) {
    return isTagChar(c) || c == '$';
  }

  private static boolean isTagChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
