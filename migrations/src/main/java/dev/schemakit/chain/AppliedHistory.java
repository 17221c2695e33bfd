package dev.schemakit.chain;

import java.util.List;

/**
 * What a live database's history table says of a chain: the chain's steps it records as applied, in the order they
 * ran, and those it records as failed. A step the history names but the chain does not have is in neither list.
 *
 * @param exists whether the history table exists at all (a database the engine never ran on has none)
 * @param applied versions of the applied steps, in the order they ran
 * @param failed versions of the steps recorded as failed
 */
public record AppliedHistory(boolean exists, List<Version> applied, List<Version> failed) {

  /** The history of a database without a history table. */
  public static AppliedHistory none() {
    return new AppliedHistory(false, List.of(), List.of());
  }

  public AppliedHistory {
    applied = List.copyOf(applied);
    failed = List.copyOf(failed);
  }
}
