create schema audit;
create table audit.events (id bigint primary key, happened_at timestamptz not null default now());
