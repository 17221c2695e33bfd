ALTER TABLE guild_members
  DROP CONSTRAINT guild_members_guild_id_fkey,
  ADD CONSTRAINT guild_members_guild_id_fkey FOREIGN KEY (guild_id) REFERENCES guilds (id);
