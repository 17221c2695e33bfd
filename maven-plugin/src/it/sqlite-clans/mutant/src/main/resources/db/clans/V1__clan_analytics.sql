-- Clan analytics on SQLite: the roster and daily snapshots of it, keyed by the in-game name.
CREATE TABLE players (
  id        INTEGER PRIMARY KEY,
  player_tag VARCHAR(16) NOT NULL UNIQUE,
  name      VARCHAR(32) NOT NULL
);
CREATE TABLE clan_members (
  player_tag VARCHAR(16) NOT NULL PRIMARY KEY,  -- SQLite lets a non-INTEGER primary key be NULL without this
  name       VARCHAR(32) NOT NULL,
  role       TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'elder', 'co-leader', 'leader')),
  joined_at  TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE TABLE member_snapshots (
  id          INTEGER PRIMARY KEY,
  member_name VARCHAR(32) NOT NULL,
  captured_at TEXT NOT NULL,
  trophies    INTEGER NOT NULL CHECK (trophies >= 0),
  donations   INTEGER NOT NULL DEFAULT 0
);
-- written by the first exporter, read by nothing since
CREATE TABLE war_log_v1 (
  id      INTEGER PRIMARY KEY,
  payload TEXT
);
