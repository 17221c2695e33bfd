create table members (
  id bigint generated always as identity primary key,
  guild_id bigint not null references guilds (id) on delete cascade,
  name text not null
);
