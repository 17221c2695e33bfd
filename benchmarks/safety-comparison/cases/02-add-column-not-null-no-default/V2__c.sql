alter table accounts add column level integer not null;
