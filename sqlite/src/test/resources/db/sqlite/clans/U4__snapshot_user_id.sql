-- SQLite cannot drop a column that has a foreign key: rebuild the table without it
DROP INDEX ix_snapshots_user_id;
CREATE TABLE snapshots_rebuilt (
  id          INTEGER PRIMARY KEY,
  member_name TEXT NOT NULL,
  taken_at    TEXT NOT NULL,
  score       INTEGER NOT NULL CHECK (score >= 0)
);
INSERT INTO snapshots_rebuilt (id, member_name, taken_at, score) SELECT id, member_name, taken_at, score FROM snapshots;
DROP TABLE snapshots;
ALTER TABLE snapshots_rebuilt RENAME TO snapshots;
CREATE INDEX ix_snapshots_taken_at ON snapshots (taken_at);
