DROP INDEX ix_members_name_nocase;
DROP INDEX ix_snapshots_taken_at;
