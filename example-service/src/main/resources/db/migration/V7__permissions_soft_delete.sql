-- Permissions are soft-deleted by a flag; when a guild is soft-deleted, a trigger on guilds flags its
-- permissions too. The tool name is unique per guild among the permissions not deleted.
ALTER TABLE guild_permissions ADD COLUMN is_deleted boolean NOT NULL DEFAULT false;
ALTER TABLE guild_permissions DROP CONSTRAINT uq_guild_permissions_tool;
CREATE UNIQUE INDEX ux_guild_permissions_tool ON guild_permissions (guild_id, tool_name) WHERE NOT is_deleted;

CREATE FUNCTION flag_permissions_of_deleted_guild() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE guild_permissions SET is_deleted = true WHERE guild_id = NEW.id;
  RETURN NEW;
END
$$;

CREATE TRIGGER trg_guilds_soft_delete
  AFTER UPDATE OF deleted_at ON guilds
  FOR EACH ROW
  WHEN (OLD.deleted_at IS NULL AND NEW.deleted_at IS NOT NULL)
  EXECUTE FUNCTION flag_permissions_of_deleted_guild();
