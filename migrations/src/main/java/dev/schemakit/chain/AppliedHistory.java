package dev.schemakit.chain;

import java.util.List;

/**
 * What a live database's history table says of a chain: the chain's steps it records as applied, in the order they
 * ran, and those it records as failed. A step the history names but the chain does not have is in neither list.
 *
 * @param applied versions of the applied steps, in the order they ran
 * @param failed versions of the steps recorded as failed
 */
public record AppliedHistory(List<Version> applied, List<Version> failed) {

  /** The history of a database without a history table: nothing applied. */
  public static AppliedHistory none() {
    return new AppliedHistory(List.of(), List.of());
  }

  /** A history; the lists are copied. */
  public AppliedHistory {
    applied = List.copyOf(applied);
    failed = List.copyOf(failed);
  }
}
