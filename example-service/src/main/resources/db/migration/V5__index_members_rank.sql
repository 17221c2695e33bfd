-- Rank lookups per guild became slow; IF NOT EXISTS because it was created by hand on production first.
CREATE INDEX IF NOT EXISTS ix_guild_members_guild_rank ON guild_members (guild_id, rank_id);
