alter table accounts add column handle varchar(40);
update accounts set handle = nickname;
