-- the dashboards filter by day and by name; IF NOT EXISTS because a hotfix created one by hand
CREATE INDEX IF NOT EXISTS ix_member_snapshots_captured_at ON member_snapshots (captured_at);
CREATE INDEX IF NOT EXISTS ix_member_snapshots_name ON member_snapshots (lower(member_name), captured_at);
