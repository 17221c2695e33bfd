alter table accounts add column active boolean not null default false;
