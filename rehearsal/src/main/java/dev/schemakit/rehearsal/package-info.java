/**
 * The release rehearsed on real data: {@link dev.schemakit.rehearsal.Rehearsal} copies a database (or works in place
 * on a storage-level clone), applies the pending migrations one at a time, and measures what a reviewer asks before
 * a deploy: how long each took, which locks it held on existing tables and for how long, what it rewrote, the match
 * rates of backfilled keys, the undo, and whether the running version's entities still fit.
 */
package dev.schemakit.rehearsal;
