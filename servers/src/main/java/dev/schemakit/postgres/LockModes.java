package dev.schemakit.postgres;

import java.util.List;
import java.util.Locale;

/**
 * PostgreSQL's table lock modes, weakest first, as {@code pg_locks.mode} names them, with the strength at which a mode
 * blocks other sessions' writes ({@code SHARE}) and reads ({@code ACCESS EXCLUSIVE}). Deploy safety's dynamic check
 * and the rehearsal's lock watch measure the same locks with it. For implementors.
 */
public final class LockModes {

  /** Every mode, weakest first; a mode's strength is its index. */
  public static final List<String> ORDER = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock",
      "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

  /** From this strength on, other sessions' INSERT, UPDATE and DELETE wait. */
  public static final int BLOCKS_WRITES = ORDER.indexOf("ShareLock");

  /** From this strength on, other sessions' SELECT waits too. */
  public static final int BLOCKS_READS = ORDER.indexOf("AccessExclusiveLock");

  private LockModes() {
  }

  /** The strength of a {@code pg_locks.mode}; -1 for a name that is not a table lock mode. */
  public static int strength(String mode) {
    return ORDER.indexOf(mode);
  }

  /** {@code ACCESS EXCLUSIVE} for the strength of {@code AccessExclusiveLock}; {@code no} for none (-1). */
  public static String label(int strength) {
    if (strength < 0) {
      return "no";
    }
    return ORDER.get(strength).replace("Lock", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(Locale.ROOT);
  }
}
