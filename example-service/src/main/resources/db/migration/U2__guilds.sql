DROP TABLE guilds;
