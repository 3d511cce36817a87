package dev.duckstring.model;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" hints: the closest candidate within a small edit distance. */
public final class Suggest {
  private Suggest() {}

  /**
   * The candidate closest to {@code input}, if any is close enough to be a likely typo; never
   * {@code input} itself (a name that is there but does not fit is no typo).
   */
  public static Optional<String> closest(String input, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      if (c.equals(input)) {
        continue;
      }
      int d = distance(input, c);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    int limit = Math.max(2, input.length() / 3);
    return bestDistance <= limit ? Optional.ofNullable(best) : Optional.empty();
  }

  /** " (did you mean 'x'?)" or the empty string. */
  public static String hint(String input, Collection<String> candidates) {
    return closest(input, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
