create table accounts (id bigint generated always as identity primary key, email varchar(255) not null unique);
