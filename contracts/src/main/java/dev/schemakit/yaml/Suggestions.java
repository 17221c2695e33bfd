package dev.schemakit.yaml;

import dev.schemakit.model.Names;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/** "Did you mean" for misspelt keys and values. */
final class Suggestions {

  private Suggestions() {}

  static Optional<String> nearest(String found, Collection<String> allowed) {
    return allowed.stream()
        .min(Comparator.comparingInt((String a) -> Names.distance(found, a)).thenComparing(a -> a))
        .filter(best -> Names.distance(found, best) <= Math.max(2, best.length() / 3));
  }

  static String didYouMean(String found, Collection<String> allowed) {
    return nearest(found, allowed).map(s -> " Did you mean '" + s + "'?").orElse("");
  }
}
