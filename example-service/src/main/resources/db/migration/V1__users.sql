-- Battle.net accounts that logged in to the guild tools.
CREATE TABLE users (
  bnet_id       integer PRIMARY KEY,
  bnet_username varchar(64) NOT NULL,
  last_login    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
