DROP INDEX ix_guild_members_bnet_id;
ALTER TABLE guild_members DROP COLUMN bnet_id;
