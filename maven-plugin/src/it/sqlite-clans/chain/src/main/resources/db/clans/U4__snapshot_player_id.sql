-- SQLite cannot drop a column with a foreign key: rebuild the table the way SQLite's ALTER would
DROP INDEX ix_member_snapshots_player_id;
CREATE TABLE member_snapshots_rebuilt (
  id          INTEGER PRIMARY KEY,
  member_name VARCHAR(32) NOT NULL,
  captured_at TEXT NOT NULL,
  trophies    INTEGER NOT NULL CHECK (trophies >= 0),
  donations   INTEGER NOT NULL DEFAULT 0
);
INSERT INTO member_snapshots_rebuilt (id, member_name, captured_at, trophies, donations)
  SELECT id, member_name, captured_at, trophies, donations FROM member_snapshots;
DROP TABLE member_snapshots;
ALTER TABLE member_snapshots_rebuilt RENAME TO member_snapshots;
CREATE INDEX ix_member_snapshots_captured_at ON member_snapshots (captured_at);
CREATE INDEX ix_member_snapshots_name ON member_snapshots (lower(member_name), captured_at);
