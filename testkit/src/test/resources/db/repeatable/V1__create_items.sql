create table items (id int primary key, price numeric not null);
