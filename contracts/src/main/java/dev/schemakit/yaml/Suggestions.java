package dev.schemakit.yaml;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for misspelt keys and values. */
final class Suggestions {

  private Suggestions() {}

  static Optional<String> nearest(String found, Collection<String> allowed) {
    return allowed.stream()
        .min(Comparator.comparingInt((String a) -> distance(found, a)).thenComparing(a -> a))
        .filter(best -> distance(found, best) <= Math.max(2, best.length() / 3));
  }

  static String didYouMean(String found, Collection<String> allowed) {
    return nearest(found, allowed).map(s -> " Did you mean '" + s + "'?").orElse("");
  }

  /** Levenshtein distance; keys are short, so the quadratic table is fine. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
