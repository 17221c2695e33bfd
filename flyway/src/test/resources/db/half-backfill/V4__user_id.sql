alter table members add column user_id bigint;
