package dev.schemakit.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * A table trigger.
 *
 * @param name trigger name
 * @param timing before, after or instead of
 * @param events the events it fires on, in {@link TriggerEvent} order
 * @param level per row or per statement
 * @param function the called function with its arguments, e.g. {@code soft_delete_guild()}
 * @param origin contract position, {@code null} for snapshots
 */
public record Trigger(
    String name,
    TriggerTiming timing,
    List<TriggerEvent> events,
    TriggerLevel level,
    String function,
    Origin origin) {

  public Trigger {
    ModelChecks.name(name, "trigger");
    Objects.requireNonNull(timing, "timing");
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(function, "function");
    // Canonical order (and no duplicates) so that equal triggers are equal records.
    EnumSet<TriggerEvent> set = EnumSet.noneOf(TriggerEvent.class);
    set.addAll(ModelChecks.list(events));
    if (set.isEmpty()) {
      throw new IllegalArgumentException("trigger " + name + " must fire on at least one event");
    }
    events = List.copyOf(set);
  }
}
