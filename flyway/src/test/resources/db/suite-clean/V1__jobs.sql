create type state as enum ('a', 'b');
create table jobs (id int primary key, state state not null, owner text);
create index jobs_owner on jobs (owner);
