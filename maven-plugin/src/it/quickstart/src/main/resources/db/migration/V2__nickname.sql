alter table accounts add column nickname varchar(40);
