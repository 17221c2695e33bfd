create table accounts (id int primary key, email text not null);
insert into accounts values (1, 'ada@example.com');
