-- Which rank may use which tool in a guild.
CREATE TABLE guild_permissions (
  id          serial PRIMARY KEY,
  guild_id    integer NOT NULL REFERENCES guilds (id),
  tool_name   varchar(64) NOT NULL,
  min_rank_id integer NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  CONSTRAINT uq_guild_permissions_tool UNIQUE (guild_id, tool_name)
);
CREATE INDEX ix_guild_permissions_guild_id ON guild_permissions (guild_id);
