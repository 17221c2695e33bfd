-- Characters synced from the game; battletag is the account name as the game reports it.
CREATE TABLE guild_members (
  character_name varchar(40) PRIMARY KEY,
  guild_id       integer NOT NULL REFERENCES guilds (id),
  battletag      varchar(64),
  rank_id        integer NOT NULL,
  rank_name      varchar(64),
  last_sync      timestamptz
);
CREATE INDEX ix_guild_members_guild_id ON guild_members (guild_id);
