alter table accounts add column level integer;
create index concurrently accounts_level on accounts (level);
