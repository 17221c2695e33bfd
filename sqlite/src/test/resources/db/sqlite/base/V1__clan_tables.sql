CREATE TABLE users (
  id   INTEGER PRIMARY KEY,
  name VARCHAR(64) NOT NULL UNIQUE
);
CREATE TABLE members (
  id        INTEGER PRIMARY KEY,
  name      TEXT NOT NULL,
  joined_at TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE snapshots (
  id          INTEGER PRIMARY KEY,
  member_name TEXT NOT NULL,
  taken_at    TEXT NOT NULL,
  score       INTEGER NOT NULL CHECK (score >= 0)
);
CREATE TABLE legacy_exports (
  id      INTEGER PRIMARY KEY,
  payload BLOB
);
