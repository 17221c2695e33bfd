DROP TABLE guild_members;
