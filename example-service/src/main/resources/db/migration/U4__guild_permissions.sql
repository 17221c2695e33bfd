DROP TABLE guild_permissions;
