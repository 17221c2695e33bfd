alter table accounts add constraint accounts_guild_fk foreign key (guild_id) references guilds (id);
