alter table accounts add column bio text;
