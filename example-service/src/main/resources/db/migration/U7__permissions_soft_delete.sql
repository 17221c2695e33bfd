DROP TRIGGER trg_guilds_soft_delete ON guilds;
DROP FUNCTION flag_permissions_of_deleted_guild();
DROP INDEX ux_guild_permissions_tool;
ALTER TABLE guild_permissions ADD CONSTRAINT uq_guild_permissions_tool UNIQUE (guild_id, tool_name);
ALTER TABLE guild_permissions DROP COLUMN is_deleted;
