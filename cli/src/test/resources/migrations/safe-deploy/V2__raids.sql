create table raids (
  id bigint generated always as identity primary key,
  leader_id bigint not null references accounts (id),
  starts_at timestamptz not null
);
create index raids_leader on raids (leader_id);
alter table accounts add column active boolean not null default false;
