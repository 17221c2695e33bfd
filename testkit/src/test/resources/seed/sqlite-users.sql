insert into users (name) values ('ada');
insert into users (name) values ('grace');
