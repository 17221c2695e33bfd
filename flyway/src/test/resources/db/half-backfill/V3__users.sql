create table users (id bigint generated always as identity primary key, login text not null unique);
