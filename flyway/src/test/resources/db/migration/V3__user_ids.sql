create table users (
  id bigint generated always as identity primary key,
  login text not null unique
);
alter table members add column user_id bigint references users (id) on delete set null;
