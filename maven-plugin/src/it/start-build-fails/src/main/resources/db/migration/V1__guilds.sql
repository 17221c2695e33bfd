create table guilds (id bigint primary key, name text not null);
