-- the released schema every case starts from; the dynamic check puts rows in both tables
create table guilds (id bigint generated always as identity primary key, name varchar(255) not null unique);
create table accounts (
  id bigint generated always as identity primary key,
  guild_id bigint not null,
  email varchar(255) not null unique,
  nickname varchar(40),
  score integer
);
