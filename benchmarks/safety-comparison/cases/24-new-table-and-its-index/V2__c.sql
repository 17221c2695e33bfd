create table raids (id bigint generated always as identity primary key, guild_id bigint not null references guilds (id), starts_at timestamptz not null);
create index raids_guild on raids (guild_id);
