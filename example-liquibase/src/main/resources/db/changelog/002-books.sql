--liquibase formatted sql

--changeset bookshop:books
create table books (
  id bigint generated always as identity primary key,
  author_id bigint not null references authors (id),
  title varchar(300) not null
);
create index books_author on books (author_id);
--rollback drop table books;
