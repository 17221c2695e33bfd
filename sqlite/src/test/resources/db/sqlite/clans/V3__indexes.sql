CREATE INDEX IF NOT EXISTS ix_snapshots_taken_at ON snapshots (taken_at);
CREATE INDEX IF NOT EXISTS ix_members_name_nocase ON members (lower(name));
