CREATE INDEX ix_members_name ON members (name);
CREATE INDEX ix_snapshots_score ON snapshots (score);
